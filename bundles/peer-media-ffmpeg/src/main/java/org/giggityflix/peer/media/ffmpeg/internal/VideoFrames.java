package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

    /** Widest frame handed to Java: 4K UHD. */
    private static final int DECODE_WIDTH_LIMIT = 3840;

    private final Path file;
    private final FFmpegFrameGrabber grabber;

    private VideoFrames(Path file, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
    }

    /**
     * Opens the file's video stream; the caller closes the result.
     *
     * @param maxWidth frames wider than this are scaled down while decoding; 0 for no limit but the built-in one
     */
    static VideoFrames open(Path file, int maxWidth) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file is gone");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
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
        limitWidth(grabber, maxWidth);
        return new VideoFrames(file, grabber);
    }

    /**
     * Lets FFmpeg's scaler shrink wide frames while converting them, so an 8K file never puts 100 MB frames on
     * the heap; pictures wider than {@link #DECODE_WIDTH_LIMIT} gain nothing as thumbnails.
     */
    private static void limitWidth(FFmpegFrameGrabber grabber, int maxWidth) {
        int limit = maxWidth > 0 ? Math.min(maxWidth, DECODE_WIDTH_LIMIT) : DECODE_WIDTH_LIMIT;
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        if (width > limit && height > 0) {
            grabber.setImageWidth(limit);
            grabber.setImageHeight(Math.max(1, (int) Math.round((double) height * limit / width)));
        }
    }

    /** The sharpest non-blank frame of the window; a blank one only when the window holds nothing else. */
    ChosenFrame sharpest(CaptureWindow window) throws IOException {
        grabber.setTimestamp(Math.round(window.from() * MICROS));
        ChosenFrame best = null;
        Frame frame;
        while ((frame = grabber.grabImage()) != null) {
            if (Thread.currentThread().isInterrupted()) {
                // A long GOP can mean seconds of decoding: a caller shutting down must not wait for it.
                throw new InterruptedIOException("thumbnail capture interrupted: " + file);
            }
            double seconds = frame.timestamp / MICROS;
            if (seconds >= window.to()) {
                // A window with no frame of its own (narrower than a frame interval) takes the next frame.
                return best != null ? best : new ChosenFrame(seconds, copy(frame), score(frame));
            }
            if (window.contains(seconds)) {
                FrameScore score = score(frame);
                if (score.betterThan(best == null ? null : best.score())) {
                    best = new ChosenFrame(seconds, copy(frame), score);
                }
            }
        }
        if (best == null) {
            throw new IOException("no video frame near " + window.position() + " s in " + file);
        }
        return best;
    }

    private static FrameScore score(Frame frame) {
        return SharpnessMeter.measure((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight,
                frame.imageStride);
    }

    /** Copies the frame out of FFmpeg's buffer (reused by the next grab), dropping each row's padding. */
    private static BgrImage copy(Frame frame) {
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        int rowBytes = width * 3;
        byte[] bgr = new byte[rowBytes * height];
        ByteBuffer source = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            source.get(y * frame.imageStride, bgr, y * rowBytes, rowBytes);
        }
        return new BgrImage(width, height, bgr);
    }

    @Override
    public void close() throws IOException {
        grabber.close();
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
