package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_ERROR_MAX_STRING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

import org.bytedeco.javacpp.BytePointer;

/**
 * {@code FfmpegNatives} is responsible for the few process-wide FFmpeg calls this bundle needs: quieting its log
 * and turning its error codes into words.
 */
final class FfmpegNatives {

    private FfmpegNatives() {
    }

    /**
     * Lowers FFmpeg's own log to errors: at its default level it writes warnings about every odd file (and a
     * harmless "rejected some options" line) straight to stderr, outside the peer's log.
     */
    static void quietLogs() {
        if (av_log_get_level() > AV_LOG_ERROR) {
            av_log_set_level(AV_LOG_ERROR);
        }
    }

    /** FFmpeg's message for a negative return code, e.g. "Invalid data found when processing input". */
    static String describe(int errorCode) {
        byte[] text = new byte[AV_ERROR_MAX_STRING_SIZE];
        try (BytePointer buffer = new BytePointer(text.length)) {
            if (av_strerror(errorCode, buffer, text.length) < 0) {
                return "FFmpeg error " + errorCode;
            }
            buffer.get(text);
        }
        // A C string: the buffer's bytes after the terminating NUL are whatever the allocator left there.
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, StandardCharsets.UTF_8);
    }
}
