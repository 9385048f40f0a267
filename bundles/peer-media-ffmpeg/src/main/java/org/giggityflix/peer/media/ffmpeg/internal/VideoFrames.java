package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.function.LongToIntFunction;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.giggityflix.peer.media.common.FrameScore;

/**
 * {@code VideoFrames} is responsible for finding the sharpest frame of a {@link CaptureWindow}: it keyframe-seeks
 * to the window's start, decodes forward to its end (never from the start of the file) and scores every frame.
 */
final class VideoFrames implements AutoCloseable {

    /**
     * Windows at least this long choose among reference frames only: non-reference (B) frames are coded with a
     * coarser quantiser than the frames around them, so they are hardly ever the sharpest, and skipping them halves
     * the decoding of a typical H.264 window. Shorter windows decode every frame, so none is left without a choice.
     */
    private static final double REFERENCE_ONLY_MIN_SECONDS = 0.5;

    /**
     * How long before a window the decoder starts decoding every frame again (more than its reordering delay), when
     * the window decodes every frame: 0.3 s, and at least {@link #LEAD_FRAMES} frames of a slow stream.
     */
    private static final double SEEK_LEAD_SECONDS = 0.3;

    /** Reordering (B-frames) plus frame threads hold back a few frames; the lead covers twice that. */
    private static final int LEAD_FRAMES = 8;

    private final Path file;
    private final VideoDecoder decoder;
    private final DecodedPictures pictures;
    /** The last frame this decoder chose: what a window past the decodable part of a cut file gets. */
    private ChosenFrame lastChosen;

    private VideoFrames(Path file, VideoDecoder decoder, DecodedPictures pictures) {
        this.file = file;
        this.decoder = decoder;
        this.pictures = pictures;
    }

    /**
     * Opens the file's video stream; the caller closes the result.
     *
     * @param maxWidth       frames wider than this are scaled down; 0 for no limit but 3840 (4K)
     * @param decoderThreads threads of FFmpeg's decoder for pictures of so many pixels; 0 lets FFmpeg choose
     *                       (frame + slice threads, one per core plus one)
     */
    static VideoFrames open(Path file, int maxWidth, LongToIntFunction decoderThreads) throws IOException {
        // The decoder's own pictures: each candidate is scored on a small luma grid, and only the winner is
        // converted to BGR (and scaled to at most 4K, so an 8K file never puts 100 MB frames on the heap).
        VideoDecoder decoder = VideoDecoder.open(file, decoderThreads);
        return new VideoFrames(file, decoder, new DecodedPictures(maxWidth, decoder.rotation()));
    }

    /** Pixels in one picture of the video stream (as its header states them). */
    long pixels() {
        return (long) decoder.width() * decoder.height();
    }

    /**
     * The sharpest non-blank frame of the window; a blank one only when the window holds nothing else. A window with
     * no frame at all (a one-frame or very short file, a file cut short before it) gets the nearest frame decoded
     * before it, else the frame this decoder chose last; only a file with no decodable frame up to there fails.
     */
    ChosenFrame sharpest(CaptureWindow window) throws IOException {
        ChosenFrame chosen = search(window);
        lastChosen = chosen;
        return chosen;
    }

    private ChosenFrame search(CaptureWindow window) throws IOException {
        Search search = searchStart(window);
        double from = search.from();
        boolean referenceOnly = window.to() - from >= REFERENCE_ONLY_MIN_SECONDS;
        double everyFrameFrom = referenceOnly ? Double.POSITIVE_INFINITY : from - lead();
        decoder.seek(decoder.at(search.seekTo()));
        // Up to the lead (or throughout, for a reference-only window) nothing needs the non-reference frames.
        boolean skipping = everyFrameFrom > search.keyframe();
        decoder.skipNonReference(skipping);
        AVFrame best = null;
        double bestSeconds = 0;
        FrameScore bestScore = null;
        AVFrame before = null;
        double beforeSeconds = 0;
        try {
            AVFrame picture;
            while ((picture = decoder.next()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    // A long GOP can mean seconds of decoding: a caller shutting down must not wait for it.
                    throw new InterruptedIOException("thumbnail capture interrupted: " + file);
                }
                double seconds = decoder.seconds(picture);
                if (skipping && seconds >= everyFrameFrom) {
                    decoder.skipNonReference(false);
                    skipping = false;
                }
                if (seconds >= window.to()) {
                    if (best == null) {
                        // A window with no frame of its own (narrower than a frame interval) takes the next frame.
                        return new ChosenFrame(seconds, pictures.toBgr(picture), pictures.score(picture));
                    }
                    break;
                }
                if (seconds < from && best == null) {
                    // Kept (a reference, not a copy) in case the window turns out to hold no frame at all.
                    AVFrame kept = av_frame_clone(picture);
                    if (kept != null) {
                        if (before != null) {
                            av_frame_free(before);
                        }
                        before = kept;
                        beforeSeconds = seconds;
                    }
                }
                if (seconds >= from && window.contains(seconds)) {
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
            if (best == null && before != null) {
                return new ChosenFrame(beforeSeconds, pictures.toBgr(before), pictures.score(before));
            }
            if (best == null && lastChosen != null) {
                return lastChosen;
            }
            if (best == null) {
                throw new IOException("no video frame near " + window.position() + " s in " + file);
            }
            return new ChosenFrame(bestSeconds, pictures.toBgr(best), bestScore);
        } finally {
            if (best != null) {
                av_frame_free(best);
            }
            if (before != null) {
                av_frame_free(before);
            }
        }
    }

    /**
     * Where the search starts: the window's start, unless reaching it means decoding a long stretch of a GOP that
     * began before the window (more video than the window itself) while a keyframe lies between the window's start
     * and the position; then that keyframe, sought exactly. The window then keeps its frames from the keyframe on
     * instead of paying a whole earlier GOP (10 s and more in real files) for its first few frames.
     */
    private Search searchStart(CaptureWindow window) {
        // Index times are decoding times, a few frames before presentation; demuxers seek by presentation time,
        // so each seek goes to a time the wanted keyframe is shown at or before, never to the index entry itself.
        VideoDecoder.SeekPoint atPosition = decoder.keyframeAtOrBefore(window.position());
        VideoDecoder.SeekPoint beforeWindow = decoder.keyframeAtOrBefore(window.from());
        if (atPosition != null && beforeWindow != null) {
            boolean keyframeInWindow = atPosition.seconds() > window.from()
                    && atPosition.seconds() <= window.position();
            boolean longPreroll = window.from() - beforeWindow.seconds() > window.to() - window.from();
            if (keyframeInWindow && longPreroll) {
                return new Search(atPosition.seconds(), window.position(), atPosition.seconds());
            }
        }
        if (beforeWindow != null) {
            return new Search(window.from(), window.from(), beforeWindow.seconds());
        }
        // No index (MPEG-TS and the like): the demuxer finds a keyframe before the lead by itself.
        return new Search(window.from(), Math.max(0, window.from() - lead()), Double.NEGATIVE_INFINITY);
    }

    private double lead() {
        return Math.max(SEEK_LEAD_SECONDS, LEAD_FRAMES * decoder.frameInterval());
    }

    /**
     * {@code Search} is responsible for where one window's search starts.
     *
     * @param from     first instant whose frames are candidates, seconds
     * @param seekTo   the time to keyframe-seek to (the demuxer lands on the last keyframe shown at or before it)
     * @param keyframe where that keyframe is, as far as the index tells; minus infinity when unknown
     */
    private record Search(double from, double seekTo, double keyframe) {
    }

    @Override
    public void close() {
        try {
            decoder.close();
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
