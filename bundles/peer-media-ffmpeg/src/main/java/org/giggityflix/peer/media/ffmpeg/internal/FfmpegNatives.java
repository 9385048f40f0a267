package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_ERROR_MAX_STRING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

import org.bytedeco.javacpp.BytePointer;

/**
 * {@code FfmpegNatives} is responsible for turning FFmpeg's error codes into words (its log is {@link LibavLog}'s).
 */
final class FfmpegNatives {

    private FfmpegNatives() {
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
