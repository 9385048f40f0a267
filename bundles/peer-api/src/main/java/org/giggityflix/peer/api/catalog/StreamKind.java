package org.giggityflix.peer.api.catalog;

/**
 * What a {@link MediaStream} carries.
 *
 * @since 1.8
 */
public enum StreamKind {
    /** Moving pictures (a cover picture is an {@link #ATTACHMENT}, not a video). */
    VIDEO,
    /** Sound. */
    AUDIO,
    /** Text or picture subtitles. */
    SUBTITLE,
    /** Something attached to the file rather than played: fonts, a cover picture. */
    ATTACHMENT,
    /** Anything else a container may hold (timed metadata, chapters as a stream, ...). */
    DATA
}
