package org.giggityflix.peer.media.ffmpeg.internal;

import java.util.Set;

/**
 * {@code FfmpegConstants} is responsible for the names and values shared by this bundle's components.
 */
final class FfmpegConstants {

    /** Configuration PID of both components (metatype {@link FfmpegMediaConfig}). */
    static final String PID = "org.giggityflix.peer.media.ffmpeg";

    /** Service property the scanner reads to add a probe's extensions to what it includes. */
    static final String SCANNER_INCLUDE = "scanner.include";

    /** File extensions handed to FFmpeg: the common video containers its LGPL build demuxes. */
    static final Set<String> EXTENSIONS = Set.of(
            ".mp4", ".mkv", ".avi", ".mov", ".m4v", ".webm", ".ts", ".wmv", ".flv", ".mpg", ".mpeg");

    /** The slf4j logger FFmpeg's own log lines go to (see {@link LibavLog}); {@code log:set DEBUG} it to see them. */
    static final String LIBAV_LOGGER = "org.giggityflix.peer.media.ffmpeg.libav";

    /** FFmpeg's internal time unit (AV_TIME_BASE) in one second. */
    static final double AV_TIME_BASE = 1_000_000.0;

    private FfmpegConstants() {
    }
}
