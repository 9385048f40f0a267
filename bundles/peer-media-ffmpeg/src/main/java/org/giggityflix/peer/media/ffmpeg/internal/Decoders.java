package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * {@code Decoders} is responsible for opening FFmpeg's decoder of one stream (and freeing it), turning FFmpeg's
 * failures into words.
 */
final class Decoders {

    private Decoders() {
    }

    /**
     * @param threads decoder threads, 0: FFmpeg chooses
     * @param what    "video" or "audio", for messages
     */
    static AVCodecContext open(AVStream stream, int threads, Path file, String what) throws IOException {
        AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new IOException("FFmpeg has no decoder for the " + what + " of " + file.getFileName());
        }
        AVCodecContext codec = avcodec_alloc_context3(decoder);
        if (codec == null || codec.isNull()) {
            throw new IOException("out of memory opening the " + what + " decoder for " + file.getFileName());
        }
        try {
            int result = avcodec_parameters_to_context(codec, stream.codecpar());
            if (result < 0) {
                throw new IOException("FFmpeg cannot set up the " + what + " decoder of " + file.getFileName() + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            codec.pkt_timebase(stream.time_base());
            codec.thread_count(threads);
            result = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (result < 0) {
                throw new IOException("FFmpeg cannot open the " + what + " decoder of " + file.getFileName() + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            return codec;
        } catch (IOException | RuntimeException e) {
            avcodec_free_context(codec);
            throw e;
        }
    }

    static void free(AVCodecContext codec) {
        if (codec != null && !codec.isNull()) {
            avcodec_free_context(codec);
        }
    }
}
