package org.giggityflix.peer.stream.webrtc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.media.SubtitleTrack;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code SubtitleChoice} is responsible for which subtitle stream a viewer gets: the one asked for (a stream index
 * or a language; full subtitles before forced ones, text before pictures), or by default the forced subtitles in
 * the language of the audio heard (the lines of a film in another language than its soundtrack), or none.
 *
 * @param off    no subtitles
 * @param choice the stream asked for; {@link TrackChoice#DEFAULT} with {@code off} false is the automatic choice
 */
record SubtitleChoice(boolean off, TrackChoice choice) {

    /** The forced subtitles of the audio's language, if the file has them. */
    static final SubtitleChoice AUTO = new SubtitleChoice(false, TrackChoice.DEFAULT);
    static final SubtitleChoice OFF = new SubtitleChoice(true, TrackChoice.DEFAULT);

    /** ISO 639-2 bibliographic codes and their terminology twins (files use both). */
    private static final Map<String, String> TERMINOLOGY = Map.ofEntries(Map.entry("fre", "fra"),
            Map.entry("ger", "deu"), Map.entry("dut", "nld"), Map.entry("chi", "zho"), Map.entry("cze", "ces"),
            Map.entry("gre", "ell"), Map.entry("per", "fas"), Map.entry("rum", "ron"), Map.entry("slo", "slk"),
            Map.entry("alb", "sqi"), Map.entry("arm", "hye"), Map.entry("baq", "eus"), Map.entry("bur", "mya"),
            Map.entry("geo", "kat"), Map.entry("ice", "isl"), Map.entry("mac", "mkd"), Map.entry("mao", "mri"),
            Map.entry("may", "msa"), Map.entry("tib", "bod"), Map.entry("wel", "cym"));

    /** From the viewer's words: {@code "off"} (or {@code "none"}), {@code ""}/{@code "auto"}, an index, a language. */
    static SubtitleChoice parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("auto") || text.equalsIgnoreCase("default")) {
            return AUTO;
        }
        if (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) {
            return OFF;
        }
        return new SubtitleChoice(false, TrackChoice.parse(text));
    }

    boolean automatic() {
        return !off && choice.isDefault();
    }

    /**
     * The stream to show, empty for none.
     *
     * @param audioLanguage the language of the audio heard, for the automatic choice
     * @throws IllegalArgumentException when the choice names no subtitle stream of the file (the message lists them)
     */
    Optional<SubtitleTrack> pick(List<SubtitleTrack> tracks, Optional<String> audioLanguage, String fileName) {
        if (off) {
            return Optional.empty();
        }
        if (choice.isDefault()) {
            return audioLanguage.flatMap(lang -> tracks.stream()
                    .filter(t -> t.forced() && t.language().map(l -> sameLanguage(l, lang)).orElse(false))
                    .min((a, b) -> Boolean.compare(!a.text(), !b.text())));
        }
        Optional<SubtitleTrack> found;
        if (choice.streamIndex().isPresent()) {
            int index = choice.streamIndex().getAsInt();
            found = tracks.stream().filter(t -> t.index() == index).findFirst();
        } else {
            String lang = choice.language().orElseThrow();
            found = tracks.stream().filter(t -> t.language().map(l -> sameLanguage(l, lang)).orElse(false))
                    .min((a, b) -> a.forced() != b.forced() ? Boolean.compare(a.forced(), b.forced())
                            : Boolean.compare(!a.text(), !b.text()));
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no subtitle stream " + (choice.streamIndex().isPresent()
                    ? String.valueOf(choice.streamIndex().getAsInt()) : "in '" + choice.language().get() + "'")
                    + " in " + fileName + "; " + listing(tracks));
        }
        return found;
    }

    /** "subtitle streams: 3 (subrip, eng), 4 (hdmv_pgs_subtitle, fre, forced)" or "it has no subtitle streams". */
    static String listing(List<SubtitleTrack> tracks) {
        if (tracks.isEmpty()) {
            return "it has no subtitle streams";
        }
        return "subtitle streams: " + tracks.stream().map(t -> t.index() + " (" + t.codec()
                + t.language().map(l -> ", " + l).orElse("") + (t.forced() ? ", forced" : "") + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code fre}, {@code fra} and {@code fr} are one language; so are {@code ger}, {@code deu} and {@code de}. */
    static boolean sameLanguage(String a, String b) {
        String x = terminology(a);
        String y = terminology(b);
        if (x.equals(y)) {
            return true;
        }
        return x.length() == 2 && y.startsWith(x) || y.length() == 2 && x.startsWith(y);
    }

    private static String terminology(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        return TERMINOLOGY.getOrDefault(c, c);
    }
}
