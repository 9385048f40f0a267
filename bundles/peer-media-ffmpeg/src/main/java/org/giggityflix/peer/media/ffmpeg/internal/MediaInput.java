package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * {@code MediaInput} is responsible for opening a file with FFmpeg's demuxer (headers and stream parameters only,
 * no frame decoding) and closing it again, turning FFmpeg's failures into messages a person understands.
 */
final class MediaInput implements AutoCloseable {

    private final AVFormatContext context;

    private MediaInput(AVFormatContext context) {
        this.context = context;
    }

    /** Opens {@code file}; the caller closes the result. */
    static MediaInput open(Path file) throws IOException {
        checkReadable(file);
        AVFormatContext context = new AVFormatContext(null);
        // "file:" stops FFmpeg from reading a path such as "a:b.mkv" as a protocol name.
        int result = avformat_open_input(context, "file:" + file.toAbsolutePath(), (AVInputFormat) null,
                (AVDictionary) null);
        if (result < 0) {
            throw new IOException("not a media file FFmpeg can read: " + file + " ("
                    + FfmpegNatives.describe(result) + "; not audio/video, or truncated or damaged)");
        }
        result = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (result < 0) {
            avformat_close_input(context);
            throw new IOException("FFmpeg cannot read the streams of " + file + ", truncated or damaged? ("
                    + FfmpegNatives.describe(result) + ")");
        }
        return new MediaInput(context);
    }

    private static void checkReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file is gone");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("not a readable regular file: " + file);
        }
        if (Files.size(file) == 0) {
            throw new IOException("empty file (0 bytes), not a media file FFmpeg can read: " + file);
        }
    }

    AVFormatContext context() {
        return context;
    }

    @Override
    public void close() {
        avformat_close_input(context);
    }
}
