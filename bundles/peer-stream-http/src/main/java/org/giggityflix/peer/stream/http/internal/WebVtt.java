package org.giggityflix.peer.stream.http.internal;

import java.util.List;
import java.util.Locale;

import org.giggityflix.peer.api.media.SubtitleCue;

/**
 * {@code WebVtt} is responsible for writing subtitle cues as a WebVTT file for the player's {@code <track>}:
 * {@code HH:MM:SS.mmm} timestamps, cue text escaped ({@code &}, {@code <}, {@code >} are markup in WebVTT, and a
 * blank line or {@code -->} inside a cue would end or break it), cues in start order.
 */
final class WebVtt {

    private WebVtt() {
    }

    static String render(List<SubtitleCue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        List<SubtitleCue> ordered = cues.stream()
                .sorted(java.util.Comparator.comparingDouble(SubtitleCue::startSeconds)).toList();
        for (SubtitleCue cue : ordered) {
            String text = text(cue.text());
            if (text.isEmpty()) {
                continue;
            }
            out.append('\n').append(timestamp(cue.startSeconds())).append(" --> ")
                    .append(timestamp(cue.endSeconds())).append('\n').append(text).append('\n');
        }
        return out.toString();
    }

    /** {@code HH:MM:SS.mmm}, rounded to the millisecond. */
    static String timestamp(double seconds) {
        long ms = Math.max(0, Math.round(seconds * 1000));
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }

    /** Cue text: escaped, no blank lines, no carriage returns. */
    static String text(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (String line : raw.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(trimmed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
        return out.toString();
    }
}
