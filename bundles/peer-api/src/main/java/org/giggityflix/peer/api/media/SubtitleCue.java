package org.giggityflix.peer.api.media;

import java.util.Objects;

/**
 * One timed subtitle line (or lines, separated by {@code \n}), plain text.
 *
 * @param startSeconds when it appears, from the start of the file
 * @param endSeconds   when it goes, after {@code startSeconds}
 * @param text         what it says, without markup
 */
public record SubtitleCue(double startSeconds, double endSeconds, String text) {

    public SubtitleCue {
        Objects.requireNonNull(text, "text");
        if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("a cue runs forward from 0 or later: " + startSeconds + " -> "
                    + endSeconds);
        }
    }
}
