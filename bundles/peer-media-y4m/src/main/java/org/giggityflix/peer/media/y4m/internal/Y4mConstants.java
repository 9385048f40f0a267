package org.giggityflix.peer.media.y4m.internal;

import java.util.Set;

/**
 * {@code Y4mConstants} is responsible for the YUV4MPEG2 bundle's fixed names.
 */
final class Y4mConstants {

    /** ConfigAdmin PID shared by the probe and the thumbnail provider. */
    static final String PID = "org.giggityflix.peer.media.y4m";

    static final Set<String> EXTENSIONS = Set.of(".y4m");

    /** Screenshots are never configured wider than this (4K UHD). */
    static final int WIDEST = 3840;

    /** The scanner adds the probe's extensions to what it includes when this service property is true. */
    static final String SCANNER_INCLUDE = "scanner.include";

    /** What {@code MediaMetadata} says of every .y4m file (FFmpeg's names for the same things). */
    static final String CONTAINER = "yuv4mpegpipe";
    static final String VIDEO_CODEC = "rawvideo";

    private Y4mConstants() {
    }
}
