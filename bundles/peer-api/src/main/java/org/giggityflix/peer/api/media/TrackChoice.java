package org.giggityflix.peer.api.media;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code TrackChoice} is responsible for saying which audio track a viewer wants: a stream index of the file
 * (as the probe lists it), a language (ISO 639, e.g. {@code fra} or {@code fr}), or neither ({@link #DEFAULT}: the
 * stream flagged default, else the owner's preferred language, else the first audio track).
 *
 * @param streamIndex the file's stream index of the wanted track
 * @param language    the wanted track's language, lower case
 */
public record TrackChoice(OptionalInt streamIndex, Optional<String> language) {

    /** No wish: the default track. */
    public static final TrackChoice DEFAULT = new TrackChoice(OptionalInt.empty(), Optional.empty());

    public TrackChoice {
        Objects.requireNonNull(streamIndex, "streamIndex");
        Objects.requireNonNull(language, "language");
        language = language.map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.toLowerCase(Locale.ROOT));
    }

    /**
     * A choice from text as people and pages write it: digits are a stream index, anything else a language;
     * null or blank is {@link #DEFAULT}.
     */
    public static TrackChoice parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.strip();
        if (t.chars().allMatch(Character::isDigit) && t.length() < 6) {
            return index(Integer.parseInt(t));
        }
        return new TrackChoice(OptionalInt.empty(), Optional.of(t));
    }

    public static TrackChoice index(int streamIndex) {
        return new TrackChoice(OptionalInt.of(streamIndex), Optional.empty());
    }

    public static TrackChoice language(String language) {
        return new TrackChoice(OptionalInt.empty(), Optional.of(language));
    }

    public boolean isDefault() {
        return streamIndex.isEmpty() && language.isEmpty();
    }

    @Override
    public String toString() {
        if (streamIndex.isPresent()) {
            return "stream " + streamIndex.getAsInt();
        }
        return language.map(l -> "language " + l).orElse("default");
    }
}
