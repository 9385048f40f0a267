package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_callback;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.bytedeco.ffmpeg.avutil.Callback_Pointer_int_BytePointer_Pointer;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LibavLog} is responsible for FFmpeg's own log (libav's {@code av_log}): while this bundle is active every
 * line FFmpeg logs, from any thread of the process, goes to slf4j (logger {@value FfmpegConstants#LIBAV_LOGGER})
 * instead of straight to file descriptor 2, where it would land on the console of a peer run in the foreground.
 *
 * <p>Levels: libav's errors and warnings are logged at DEBUG (a broken file already gets the peer's own message,
 * with FFmpeg's reason in it; libav's lines are the detail behind it), fatal and panic at WARN, info and verbose at
 * TRACE. FFmpeg is told to hand over only what the logger would write ({@link #followLoggerLevel()}), so a line no
 * one reads is never formatted; at most {@value #LINES_PER_SECOND} lines a second are written (a damaged stream can
 * make a decoder complain about every frame), the rest are counted and the count is logged.
 *
 * <p>The callback is process-global native state, not this component's: FFmpeg keeps one function pointer for the
 * whole process, shared with every other user of the media runtime (the WebRTC transport decodes with the same
 * FFmpeg). So it is installed on activation and removed on deactivation, before this bundle's class loader can go
 * away: a pointer left behind would call into a class that a hot undeploy has unloaded. See {@link #deactivate()}.
 */
@Component(service = LibavLog.class, immediate = true)
public final class LibavLog {

    /** The most libav lines written per second; the rest are counted. */
    static final int LINES_PER_SECOND = 20;

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoClock;

    /** The installed callback, or null. A strong reference: JavaCPP keeps only a weak one while FFmpeg calls it. */
    private Callback callback;

    /** Rate limit, guarded by {@code this}: the current one-second window, lines written and dropped in it. */
    private long windowStart;
    private int written;
    private int dropped;

    public LibavLog() {
        this(LoggerFactory.getLogger(FfmpegConstants.LIBAV_LOGGER), System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    LibavLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * Routes FFmpeg's log to slf4j. FFmpeg is kept quiet while the callback is swapped in: the presets' native
     * trampoline sets FFmpeg's pointer before its own, and a line logged on another thread in between would be
     * handed to no one (a crash), so no line may pass FFmpeg's level check during the swap.
     */
    @Activate
    synchronized void activate() {
        Callback installing = new Callback(this);
        av_log_set_level(AV_LOG_QUIET);
        setLogCallback(installing);
        callback = installing;
        followLoggerLevel();
    }

    /**
     * Gives FFmpeg its log back: no callback at all (FFmpeg then logs nothing), not FFmpeg's default one, which
     * writes to stderr, the console noise this class exists to avoid; and the presets offer no safe way to name
     * the default callback. After this no FFmpeg pointer leads to this bundle's code, so a hot undeploy cannot
     * leave one behind.
     *
     * <p>The callback object is dropped, not closed: a decoder thread that passed FFmpeg's level check just before
     * the switch may still be on its way into it, and closing frees the native slot under it. JavaCPP holds only a
     * weak reference to the object, so once dropped it is collected, and this bundle's class loader with it
     * ({@code LibavLogTest} proves that).
     */
    @Deactivate
    synchronized void deactivate() {
        if (callback == null) {
            return;
        }
        av_log_set_level(AV_LOG_QUIET);
        av_log_set_callback((Callback_Pointer_int_BytePointer_Pointer) null);
        callback = null;
        flushDropped();
    }

    /** The installed callback object, for the test proving it is not kept alive after deactivation. */
    synchronized Object installed() {
        return callback;
    }

    /**
     * Sets FFmpeg's log level to what the logger writes: FFmpeg formats a line only at or below its level, so when
     * DEBUG is off only fatal lines are ever formatted and handed over. Called on activation and before each probe
     * and capture, so a {@code log:set} takes effect with the next file.
     */
    void followLoggerLevel() {
        int wanted = log.isTraceEnabled() ? AV_LOG_VERBOSE : log.isDebugEnabled() ? AV_LOG_WARNING : AV_LOG_FATAL;
        if (av_log_get_level() != wanted) {
            av_log_set_level(wanted);
        }
    }

    /**
     * One line from FFmpeg at its level ({@code AV_LOG_*}, possibly with flags in the upper bits): written at the
     * mapped slf4j level when that is enabled and the second's budget allows.
     */
    void line(int level, String text) {
        int plain = level & 0xff;
        boolean warn = plain <= AV_LOG_FATAL;
        boolean debug = !warn && plain <= AV_LOG_WARNING;
        if (!(warn ? log.isWarnEnabled() : debug ? log.isDebugEnabled() : log.isTraceEnabled())) {
            return;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !admit()) {
            return;
        }
        if (warn) {
            log.warn("libav: {}", trimmed);
        } else if (debug) {
            log.debug("libav {}: {}", plain <= AV_LOG_ERROR ? "error" : "warning", trimmed);
        } else {
            log.trace("libav: {}", trimmed);
        }
    }

    /** Whether this second's budget allows one more line; when a new second begins, the last one's drops are told. */
    private boolean admit() {
        int droppedBefore;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            droppedBefore = 0;
            if (now - windowStart >= SECOND) {
                windowStart = now;
                written = 0;
                droppedBefore = dropped;
                dropped = 0;
            }
            if (written >= LINES_PER_SECOND) {
                dropped++;
                return false;
            }
            written++;
        }
        if (droppedBefore > 0) {
            log.debug("libav: {} more line(s) not logged (at most {} a second)", droppedBefore, LINES_PER_SECOND);
        }
        return true;
    }

    private void flushDropped() {
        if (dropped > 0) {
            log.debug("libav: {} more line(s) not logged (at most {} a second)", dropped, LINES_PER_SECOND);
            dropped = 0;
        }
    }

    /**
     * {@code Callback} is responsible for crossing from FFmpeg's native log into Java. FFmpeg calls it on whichever
     * thread logs, its own decoder threads included (JavaCPP attaches those to the JVM), so it only hands the line
     * on and never lets anything be thrown back into native code.
     */
    private static final class Callback extends LogCallback {

        private final LibavLog target;

        Callback(LibavLog target) {
            this.target = target;
        }

        @Override
        public void call(int level, BytePointer line) {
            try {
                target.line(level, line.getString(StandardCharsets.UTF_8));
            } catch (Throwable e) { // nothing may unwind into FFmpeg's C code
                // Logging the failure could fail the same way; the line is lost, the process is not.
            }
        }
    }
}
