package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry_from_timestamp;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongToIntFunction;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * {@code VideoDecoder} is responsible for the decoding half of a capture, on FFmpeg's own API: one video stream of
 * one file (every other stream is discarded by the demuxer), keyframe seeks to an exact keyframe of the index, a
 * chosen number of decoder threads, skipping non-reference frames on request, and each frame's presentation time in
 * seconds from the start of the file (the timeline of the probe's duration).
 *
 * <p>Not thread-safe: one decoder per thread.
 */
final class VideoDecoder implements AutoCloseable {

    private final Path file;
    private final MediaInput input;
    private final AVFormatContext format;
    private final AVStream stream;
    private final int streamIndex;
    private final AVCodecContext codec;
    private final AVPacket packet;
    private final AVFrame frame;
    private final double timeBase;
    /** The container's start time, seconds: frame times are counted from it. */
    private final double startOffset;
    private final double frameInterval;
    private boolean draining;
    private double lastSeconds = Double.NaN;

    private VideoDecoder(Path file, MediaInput input, int streamIndex, AVCodecContext codec) {
        this.file = file;
        this.input = input;
        this.format = input.context();
        this.streamIndex = streamIndex;
        this.stream = format.streams(streamIndex);
        this.codec = codec;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
        AVRational base = stream.time_base();
        this.timeBase = base.num() > 0 && base.den() > 0 ? (double) base.num() / base.den() : 1.0 / 90_000;
        this.startOffset = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time() / FfmpegConstants.AV_TIME_BASE;
        AVRational rate = stream.avg_frame_rate();
        this.frameInterval = rate.num() > 0 && rate.den() > 0 ? (double) rate.den() / rate.num() : 1.0 / 25;
    }

    /**
     * Opens the file's video stream (the first one that is not a cover picture); the caller closes the result.
     *
     * @param threads decoder threads; 0 lets FFmpeg choose (frame and slice threads, one per core plus one)
     */
    static VideoDecoder open(Path file, int threads) throws IOException {
        return open(file, pixels -> threads);
    }

    /**
     * The same, with the decoder's threads chosen from the size of the video's pictures (width x height), known
     * only once the file is open.
     */
    static VideoDecoder open(Path file, LongToIntFunction threadsForPixels) throws IOException {
        MediaInput input = MediaInput.open(file);
        AVCodecContext codec = null;
        try {
            AVFormatContext format = input.context();
            int index = videoStream(format);
            if (index < 0) {
                throw new IOException("no video stream to take pictures from in " + file);
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != index) {
                    // The demuxer drops these packets: no audio or subtitles read, let alone decoded.
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            AVStream stream = format.streams(index);
            AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
            if (decoder == null || decoder.isNull()) {
                throw new IOException("FFmpeg has no decoder for the video of " + file);
            }
            codec = avcodec_alloc_context3(decoder);
            if (codec == null || codec.isNull()) {
                throw new IOException("out of memory opening the decoder for " + file);
            }
            int result = avcodec_parameters_to_context(codec, stream.codecpar());
            if (result < 0) {
                throw new IOException("FFmpeg cannot set up the video decoder of " + file + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            codec.pkt_timebase(stream.time_base());
            long pixels = (long) codec.width() * codec.height();
            codec.thread_count(Math.max(0, threadsForPixels.applyAsInt(pixels)));
            result = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (result < 0) {
                throw new IOException("FFmpeg cannot open the video decoder of " + file + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            // Matroska reads its keyframe index (cues) on the first seek only: seek to the start now, so that the
            // first window already knows where the keyframes are. A format that cannot seek keeps no index.
            long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
            av_seek_frame(format, index, start, AVSEEK_FLAG_BACKWARD);
            return new VideoDecoder(file, input, index, codec);
        } catch (IOException | RuntimeException | Error e) {
            if (codec != null && !codec.isNull()) {
                avcodec_free_context(codec);
            }
            input.close();
            throw e;
        }
    }

    /** The video stream to decode: the first that is not a cover picture, else the cover; -1 for none. */
    static int videoStream(AVFormatContext format) {
        int coverPicture = -1;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream candidate = format.streams(i);
            if (candidate.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
                continue;
            }
            if ((candidate.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
            coverPicture = coverPicture < 0 ? i : coverPicture;
        }
        return coverPicture;
    }

    /** Seconds between frames as the stream states its average rate (1/25 when it does not). */
    double frameInterval() {
        return frameInterval;
    }

    int width() {
        return codec.width();
    }

    /** How the stream's pictures are turned upright (its display matrix). */
    DisplayRotation rotation() {
        return DisplayRotation.of(stream.codecpar());
    }

    int height() {
        return codec.height();
    }

    /**
     * The last keyframe at or before {@code seconds} according to the demuxer's index, as a seek point, or
     * {@code null} when the format keeps no index.
     */
    SeekPoint keyframeAtOrBefore(double seconds) {
        long wanted = (long) Math.floor((seconds + startOffset) / timeBase);
        AVIndexEntry entry = avformat_index_get_entry_from_timestamp(stream, wanted, AVSEEK_FLAG_BACKWARD);
        if (entry == null || entry.isNull() || entry.timestamp() == AV_NOPTS_VALUE) {
            return null;
        }
        return new SeekPoint(entry.timestamp() * timeBase - startOffset, entry.timestamp());
    }

    /** The seek point of an arbitrary time: the decoder lands on the last keyframe at or before it. */
    SeekPoint at(double seconds) {
        return new SeekPoint(seconds, (long) Math.floor((seconds + startOffset) / timeBase));
    }

    /** Keyframe-seeks to {@code point}: the next frames are decoded from the last keyframe at or before it. */
    void seek(SeekPoint point) throws IOException {
        if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
            // Cover art (an audio file's picture) is one packet with no timeline of its own: go back to the start
            // of the file, where the demuxer hands it out again.
            int result = av_seek_frame(format, -1, 0, AVSEEK_FLAG_BACKWARD);
            if (result < 0) {
                throw new IOException("FFmpeg cannot go back to the start of " + file + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            avcodec_flush_buffers(codec);
            draining = false;
            lastSeconds = Double.NaN;
            return;
        }
        int result = av_seek_frame(format, streamIndex, point.ticks(), AVSEEK_FLAG_BACKWARD);
        if (result < 0) {
            // Some demuxers refuse a backward seek to the very start: any keyframe near there will do.
            result = av_seek_frame(format, streamIndex, point.ticks(), 0);
        }
        if (result < 0) {
            throw new IOException("FFmpeg cannot seek to " + point.seconds() + " s in " + file + " ("
                    + FfmpegNatives.describe(result) + ")");
        }
        avcodec_flush_buffers(codec);
        draining = false;
        lastSeconds = Double.NaN;
    }

    /**
     * Whether the decoder skips frames no other frame refers to (they come out of it no more) from the next packet
     * on. Frames already inside the decoder (its reordering delay, a few frames) are decoded as they were sent.
     */
    void skipNonReference(boolean skip) {
        codec.skip_frame(skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
    }

    /**
     * The next frame in presentation order, or {@code null} at the end of the stream. The frame (and its buffers)
     * is the decoder's, valid until the next call: keep it with {@code av_frame_clone}.
     */
    AVFrame next() throws IOException {
        while (true) {
            int result = avcodec_receive_frame(codec, frame);
            if (result >= 0) {
                return frame;
            }
            if (result == AVERROR_EOF || (result == AVERROR_EAGAIN() && draining)) {
                return null;
            }
            if (result != AVERROR_EAGAIN()) {
                throw new IOException("FFmpeg failed decoding the video of " + file + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            if (av_read_frame(format, packet) < 0) {
                // End of file (or unreadable from here): let the decoder hand out what it still holds.
                draining = true;
                avcodec_send_packet(codec, null);
                continue;
            }
            try {
                if (packet.stream_index() == streamIndex) {
                    // A damaged packet is dropped, as the ffmpeg CLI does; the frames around it still come out.
                    avcodec_send_packet(codec, packet);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Presentation time of a frame from {@link #next()}, seconds from the start of the file. */
    double seconds(AVFrame picture) {
        long timestamp = picture.best_effort_timestamp();
        if (timestamp == AV_NOPTS_VALUE) {
            timestamp = picture.pts();
        }
        double seconds = timestamp == AV_NOPTS_VALUE
                ? (Double.isNaN(lastSeconds) ? 0 : lastSeconds + frameInterval)
                : timestamp * timeBase - startOffset;
        lastSeconds = seconds;
        return seconds;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(codec);
        input.close();
    }

    /**
     * {@code SeekPoint} is responsible for a place to seek to, in both clocks.
     *
     * @param seconds from the start of the file
     * @param ticks   the same in the stream's time base, as the demuxer's index counts
     */
    record SeekPoint(double seconds, long ticks) {
    }
}
