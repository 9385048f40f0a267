package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * {@code ReadPosition} is responsible for where one {@link FfmpegFrameReader} is in its file: a frame's time from
 * the start of the file (whatever the container's start time), the frames decoded after a seek but not handed out
 * (those before its target), how far the reader got, and whether a file that ended reached its stated duration
 * (one ending well before it was cut short, or truncated while it was read).
 */
final class ReadPosition {

    /** A file ending this much before its stated duration (and at least 3 % of it) was cut short. */
    static final double CUT_SHORT_SECONDS = 1.5;

    private final Path file;
    private final double duration;
    private final double startOffset;
    /** Frames before this time (seconds) are decoded but not handed out: the target of the last seek. */
    private double skipUntil = -1;
    private double lastSeconds;

    ReadPosition(Path file, AVFormatContext format) {
        this.file = file;
        this.duration = format.duration() == AV_NOPTS_VALUE || format.duration() <= 0 ? 0
                : format.duration() / FfmpegConstants.AV_TIME_BASE;
        this.startOffset = format.start_time() == AV_NOPTS_VALUE ? 0
                : format.start_time() / FfmpegConstants.AV_TIME_BASE;
    }

    /** The stated duration in seconds, 0 when unknown. */
    double duration() {
        return duration;
    }

    /** The container's start time in seconds: where the file's own clock starts. */
    double startOffset() {
        return startOffset;
    }

    /** Seconds from the start of the file of a frame stamped {@code pts} in {@code timeBase}; the last time if none. */
    double seconds(long pts, double timeBase) {
        return pts == AV_NOPTS_VALUE ? lastSeconds : pts * timeBase - startOffset;
    }

    /** Whether a frame at {@code seconds} comes before the last seek's target (decoded, not handed out). */
    boolean skipped(double seconds) {
        return seconds + 1e-3 < skipUntil;
    }

    /** A frame at {@code seconds} is handed out. */
    void reached(double seconds) {
        lastSeconds = Math.max(lastSeconds, seconds);
    }

    /** The time of the latest frame handed out (or of the last seek's target). */
    double last() {
        return lastSeconds;
    }

    /** Where a seek to {@code seconds} goes: within the file. */
    double target(double seconds) {
        return Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
    }

    /** {@code target} in ticks of a stream's {@code timeBase}, counted as the container counts them. */
    long ticks(double target, double timeBase) {
        return timeBase > 0 ? (long) Math.floor((target + startOffset) / timeBase) : 0;
    }

    /** The reader went to {@code target}: frames before it are skipped, and it is where the reader is. */
    void seeked(double target) {
        skipUntil = target;
        lastSeconds = target;
    }

    /**
     * Checks, once everything that decoded is out, that the file did not break off: a read error, or an end more
     * than max({@link #CUT_SHORT_SECONDS}, 3 %) before the stated duration.
     */
    void checkComplete(int readError) throws IOException {
        if (duration <= 0) {
            if (readError != 0) {
                throw brokeOff(readError);
            }
            return;
        }
        double missing = duration - lastSeconds;
        if (readError != 0 || missing > Math.max(CUT_SHORT_SECONDS, 0.03 * duration)) {
            throw brokeOff(readError);
        }
    }

    private IOException brokeOff(int readError) {
        return new IOException(String.format(Locale.ROOT, "%s breaks off at %.1f s of %.1f s (cut short, damaged or"
                        + " truncated while playing)%s", file.getFileName(), Math.max(0, lastSeconds), duration,
                readError != 0 ? ": " + FfmpegNatives.describe(readError) : ""));
    }

    /** {@code seconds} as the microseconds of a decoded frame (never negative). */
    static long micros(double seconds) {
        return Math.round(Math.max(0, seconds) * 1_000_000);
    }

    /** A rational as a number, 0 when it is not a positive fraction. */
    static double av_q2d(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
    }
}
