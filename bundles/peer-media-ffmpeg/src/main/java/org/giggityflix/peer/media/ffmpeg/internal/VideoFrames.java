package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry_from_timestamp;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.giggityflix.peer.media.common.FrameScore;

/**
 * {@code VideoFrames} is responsible for finding the sharpest frame of a {@link CaptureWindow}: it keyframe-seeks
 * to the window's start, decodes forward to its end (never from the start of the file) and scores every frame.
 */
final class VideoFrames implements AutoCloseable {

    private static final double MICROS = 1_000_000.0;

    /**
     * Windows at least this long choose among reference frames only: non-reference (B) frames are coded with a
     * coarser quantiser than the frames around them, so they are hardly ever the sharpest, and skipping them halves
     * the decoding of a typical H.264 window. Shorter windows decode every frame, so none is left without a choice.
     */
    private static final double REFERENCE_ONLY_MIN_SECONDS = 0.5;

    /** How long before a window the decoder starts decoding every frame again (a few frames' reordering delay). */
    private static final double SEEK_LEAD_SECONDS = 0.3;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final DecodedPictures pictures;
    /** The video decoder, to skip non-reference frames while seeking; null when unavailable. */
    private final AVCodecContext decoder;
    /** The demuxer's video stream, whose keyframe index bounds how far back a window's search starts. */
    private final AVStream videoStream;

    private VideoFrames(Path file, FFmpegFrameGrabber grabber, DecodedPictures pictures) {
        this.file = file;
        this.grabber = grabber;
        this.pictures = pictures;
        this.decoder = decoderOf(grabber);
        AVFormatContext context = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        this.videoStream = context == null || index < 0 || index >= context.nb_streams() ? null
                : context.streams(index);
    }

    /**
     * Opens the file's video stream; the caller closes the result.
     *
     * @param maxWidth frames wider than this are scaled down; 0 for no limit but 3840 (4K)
     */
    static VideoFrames open(Path file, int maxWidth) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file is gone");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        // The decoder's own pictures: each candidate is scored on a small luma grid, and only the winner is
        // converted to BGR (and scaled to at most 4K, so an 8K file never puts 100 MB frames on the heap).
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw new IOException("not a media file FFmpeg can read: " + file + " (" + e.getMessage() + ")", e);
        }
        if (!grabber.hasVideo()) {
            grabber.close();
            throw new IOException("no video stream to take pictures from in " + file);
        }
        return new VideoFrames(file, grabber, new DecodedPictures(maxWidth));
    }

    /** The sharpest non-blank frame of the window; a blank one only when the window holds nothing else. */
    ChosenFrame sharpest(CaptureWindow window) throws IOException {
        double start = start(window);
        seek(start);
        boolean referenceOnly = decoder != null && window.to() - start >= REFERENCE_ONLY_MIN_SECONDS;
        if (referenceOnly) {
            decoder.skip_frame(AVDISCARD_NONREF);
        }
        AVFrame best = null;
        double bestSeconds = 0;
        FrameScore bestScore = null;
        try {
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    // A long GOP can mean seconds of decoding: a caller shutting down must not wait for it.
                    throw new InterruptedIOException("thumbnail capture interrupted: " + file);
                }
                AVFrame picture = (AVFrame) frame.opaque;
                double seconds = frame.timestamp / MICROS;
                if (seconds >= window.to()) {
                    if (best == null) {
                        // A window with no frame of its own (narrower than a frame interval) takes the next frame.
                        return new ChosenFrame(seconds, pictures.toBgr(picture), pictures.score(picture));
                    }
                    break;
                }
                if (seconds >= start && window.contains(seconds)) {
                    FrameScore score = pictures.score(picture);
                    if (score.betterThan(bestScore)) {
                        // A new reference to the decoder's buffers, not a copy; the loser's is released.
                        AVFrame kept = av_frame_clone(picture);
                        if (kept == null) {
                            throw new IOException("out of native memory keeping a frame of " + file);
                        }
                        if (best != null) {
                            av_frame_free(best);
                        }
                        best = kept;
                        bestSeconds = seconds;
                        bestScore = score;
                    }
                }
            }
            if (best == null) {
                throw new IOException("no video frame near " + window.position() + " s in " + file);
            }
            return new ChosenFrame(bestSeconds, pictures.toBgr(best), bestScore);
        } finally {
            if (referenceOnly) {
                decoder.skip_frame(AVDISCARD_DEFAULT);
            }
            if (best != null) {
                av_frame_free(best);
            }
        }
    }

    /**
     * Where the search starts: the window's start, unless reaching it means decoding a long stretch of a GOP that
     * began before the window (more video than the window itself) while a keyframe lies between the window's start
     * and the position; then that keyframe. The window then keeps its frames from the keyframe on instead of
     * paying a whole earlier GOP (10 s and more in real files) for its first few frames.
     */
    private double start(CaptureWindow window) {
        if (videoStream == null) {
            return window.from();
        }
        double atPosition = keyframeAtOrBefore(window.position());
        double beforeWindow = keyframeAtOrBefore(window.from());
        boolean keyframeInWindow = atPosition > window.from() && atPosition <= window.position();
        boolean longPreroll = beforeWindow >= 0 && window.from() - beforeWindow > window.to() - window.from();
        return keyframeInWindow && longPreroll ? atPosition : window.from();
    }

    /** Time of the last indexed keyframe at or before {@code seconds}, or -1 when the index does not say. */
    private double keyframeAtOrBefore(double seconds) {
        AVRational base = videoStream.time_base();
        if (base.num() <= 0 || base.den() <= 0) {
            return -1;
        }
        long wanted = (long) Math.floor(seconds * base.den() / base.num());
        AVIndexEntry entry = avformat_index_get_entry_from_timestamp(videoStream, wanted, AVSEEK_FLAG_BACKWARD);
        if (entry == null || entry.isNull() || entry.timestamp() == AV_NOPTS_VALUE) {
            return -1;
        }
        return (double) entry.timestamp() * base.num() / base.den();
    }

    /**
     * Positions the decoder just before {@code seconds}: keyframe-seek, then decode forward. Up to
     * {@link #SEEK_LEAD_SECONDS} before the target the decoder skips non-reference frames (nothing depends on
     * them, and none of them is a candidate): that is most of the pictures between a keyframe and the window in
     * streams with B-frames. The lead is decoded whole, so the window's first frames come out however the window
     * itself is decoded.
     */
    private void seek(double seconds) throws FrameGrabber.Exception {
        double lead = seconds - SEEK_LEAD_SECONDS;
        if (decoder == null || lead <= 0) {
            grabber.setTimestamp(Math.round(seconds * MICROS));
            return;
        }
        decoder.skip_frame(AVDISCARD_NONREF);
        try {
            grabber.setTimestamp(Math.round(lead * MICROS));
        } finally {
            decoder.skip_frame(AVDISCARD_DEFAULT);
        }
    }

    /**
     * The grabber's video decoder context, which javacv does not expose; {@code null} (no frame skipping, same
     * frames chosen) if a javacv version has renamed it.
     */
    private static AVCodecContext decoderOf(FFmpegFrameGrabber grabber) {
        try {
            Field field = FFmpegFrameGrabber.class.getDeclaredField("video_c");
            field.setAccessible(true);
            Object context = field.get(grabber);
            return context instanceof AVCodecContext codec && !codec.isNull() ? codec : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.close();
        } finally {
            pictures.close();
        }
    }

    /**
     * {@code ChosenFrame} is responsible for carrying a decoded frame with its time and score.
     *
     * @param seconds presentation time of the frame
     * @param image   its pixels
     * @param score   how good a thumbnail it makes
     */
    record ChosenFrame(double seconds, BgrImage image, FrameScore score) {
    }
}
