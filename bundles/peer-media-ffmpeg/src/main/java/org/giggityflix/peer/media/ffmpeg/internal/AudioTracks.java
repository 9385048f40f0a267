package org.giggityflix.peer.media.ffmpeg.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.media.FrameReader.Track;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code AudioTracks} is responsible for choosing the audio track a viewer hears: the one asked for by stream index
 * or language (a choice naming none is refused with the tracks there are), else the track flagged default, else the
 * owner's preferred language, else the first. Languages match across ISO 639-1, 639-2/T and 639-2/B codes and
 * English names ({@code fr}, {@code fra}, {@code fre}, {@code French}).
 */
final class AudioTracks {

    /** ISO 639-2/B codes that differ from the 639-2/T ones the JDK knows. */
    private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(
            Map.entry("alb", "sqi"), Map.entry("arm", "hye"), Map.entry("baq", "eus"), Map.entry("bur", "mya"),
            Map.entry("chi", "zho"), Map.entry("cze", "ces"), Map.entry("dut", "nld"), Map.entry("fre", "fra"),
            Map.entry("geo", "kat"), Map.entry("ger", "deu"), Map.entry("gre", "ell"), Map.entry("ice", "isl"),
            Map.entry("mac", "mkd"), Map.entry("mao", "mri"), Map.entry("may", "msa"), Map.entry("per", "fas"),
            Map.entry("rum", "ron"), Map.entry("slo", "slk"), Map.entry("tib", "bod"), Map.entry("wel", "cym"));

    private AudioTracks() {
    }

    /**
     * The stream index to hear, empty for a file without audio.
     *
     * @throws NoSuchTrackException when {@code choice} names a stream index or a language no audio track has
     */
    static OptionalInt choose(List<Track> tracks, TrackChoice choice, Optional<String> preferredLanguage)
            throws NoSuchTrackException {
        if (choice.streamIndex().isPresent()) {
            int wanted = choice.streamIndex().getAsInt();
            if (tracks.stream().anyMatch(t -> t.streamIndex() == wanted)) {
                return OptionalInt.of(wanted);
            }
            throw new NoSuchTrackException("no audio track is stream " + wanted + " of this file; " + list(tracks));
        }
        if (choice.language().isPresent()) {
            OptionalInt found = byLanguage(tracks, choice.language().get());
            if (found.isPresent()) {
                return found;
            }
            throw new NoSuchTrackException("no audio track in " + describe(choice.language().get()) + " in this file; "
                    + list(tracks));
        }
        if (tracks.isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<Track> flagged = tracks.stream().filter(Track::isDefault).findFirst();
        if (flagged.isPresent()) {
            return OptionalInt.of(flagged.get().streamIndex());
        }
        if (preferredLanguage.isPresent()) {
            OptionalInt preferred = byLanguage(tracks, preferredLanguage.get());
            if (preferred.isPresent()) {
                return preferred;
            }
        }
        return OptionalInt.of(tracks.get(0).streamIndex());
    }

    private static OptionalInt byLanguage(List<Track> tracks, String language) {
        String wanted = normalize(language);
        return tracks.stream().filter(t -> t.language().map(AudioTracks::normalize).filter(wanted::equals).isPresent())
                .mapToInt(Track::streamIndex).findFirst();
    }

    /** A language code or English name as a 639-2/T code where the JDK knows it, lower case. */
    static String normalize(String language) {
        String l = language.strip().toLowerCase(Locale.ROOT);
        if (BIBLIOGRAPHIC.containsKey(l)) {
            return BIBLIOGRAPHIC.get(l);
        }
        if (l.length() == 2 || l.length() == 3) {
            try {
                String iso3 = Locale.forLanguageTag(l).getISO3Language();
                if (!iso3.isEmpty()) {
                    return iso3;
                }
            } catch (java.util.MissingResourceException e) {
                return l;
            }
            return l;
        }
        for (String code : Locale.getISOLanguages()) {
            Locale locale = Locale.forLanguageTag(code);
            if (locale.getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(l)) {
                return locale.getISO3Language();
            }
        }
        return l;
    }

    private static String describe(String language) {
        return "'" + language + "'";
    }

    /** The tracks in words, for refusals: "audio tracks: 1 (eng, default), 2 (fra)". */
    static String list(List<Track> tracks) {
        if (tracks.isEmpty()) {
            return "it has no audio track";
        }
        return "audio tracks: " + tracks.stream().map(t -> t.streamIndex() + " ("
                + t.language().orElse("no language") + (t.isDefault() ? ", default" : "") + ")")
                .collect(Collectors.joining(", "));
    }
}
