package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_PANIC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * {@code LibavLogTest} is responsible for proving, in this JVM, how FFmpeg's log lines reach slf4j: at which level,
 * how many a second, only while the component is active, and that deactivation leaves nothing native holding this
 * bundle's code. ({@code LibavConsoleTest} proves the same from the outside: what a console shows.)
 */
class LibavLogTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void libavLevelsMapToSlf4jLevels() {
        RecordingLogger logger = new RecordingLogger(Level.TRACE);
        LibavLog libav = new LibavLog(logger, clock::get);

        libav.line(AV_LOG_PANIC, "panic\n");
        libav.line(AV_LOG_FATAL, "fatal\n");
        libav.line(AV_LOG_ERROR, "[mov @ 0x1] moov atom not found\n");
        libav.line(AV_LOG_WARNING | 3 << 8, "warning with a colour\n"); // AV_LOG_C(3): a tint in the upper bits
        libav.line(AV_LOG_INFO, "info\n");
        libav.line(AV_LOG_VERBOSE, "verbose\n");

        assertEquals(List.of(
                        "WARN libav: panic",
                        "WARN libav: fatal",
                        "DEBUG libav error: [mov @ 0x1] moov atom not found",
                        "DEBUG libav warning: warning with a colour",
                        "TRACE libav: info",
                        "TRACE libav: verbose"),
                logger.lines().stream().map(line -> line.level() + " " + line.text()).toList());
    }

    @Test
    void withDebugOffOnlyFatalLinesAreWrittenAndFfmpegIsToldSo() {
        int before = av_log_get_level();
        try {
            RecordingLogger home = new RecordingLogger(Level.INFO);
            LibavLog libav = new LibavLog(home, clock::get);

            libav.line(AV_LOG_ERROR, "[mov @ 0x1] moov atom not found\n");
            libav.line(AV_LOG_WARNING, "a warning\n");
            libav.line(AV_LOG_FATAL, "out of memory\n");
            libav.followLoggerLevel();

            assertEquals(List.of("libav: out of memory"),
                    home.lines().stream().map(RecordingLogger.Line::text).toList());
            assertEquals(AV_LOG_FATAL, av_log_get_level(), "FFmpeg formats nothing below fatal for no one");

            new LibavLog(new RecordingLogger(Level.DEBUG), clock::get).followLoggerLevel();
            assertEquals(AV_LOG_WARNING, av_log_get_level());
            new LibavLog(new RecordingLogger(Level.TRACE), clock::get).followLoggerLevel();
            assertEquals(AV_LOG_VERBOSE, av_log_get_level());
        } finally {
            org.bytedeco.ffmpeg.global.avutil.av_log_set_level(before);
        }
    }

    @Test
    void atMostTwentyLinesASecondAndTheRestAreCounted() {
        RecordingLogger logger = new RecordingLogger(Level.DEBUG);
        LibavLog libav = new LibavLog(logger, clock::get);

        for (int i = 0; i < 70; i++) {
            libav.line(AV_LOG_ERROR, "[mpeg4 @ 0x1] ac-tex damaged at " + i + "\n");
        }
        assertEquals(LibavLog.LINES_PER_SECOND, logger.lines().size());

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        libav.line(AV_LOG_ERROR, "still the same second\n");
        assertEquals(LibavLog.LINES_PER_SECOND, logger.lines().size());

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        libav.line(AV_LOG_ERROR, "the next second\n");
        List<String> texts = logger.lines().stream().map(RecordingLogger.Line::text).toList();
        assertEquals(LibavLog.LINES_PER_SECOND + 2, texts.size());
        assertEquals("libav: 51 more line(s) not logged (at most 20 a second)", texts.get(LibavLog.LINES_PER_SECOND));
        assertEquals("libav error: the next second", texts.get(LibavLog.LINES_PER_SECOND + 1));
    }

    @Test
    void ffmpegLinesReachTheLoggerOnlyWhileActive() {
        RecordingLogger logger = new RecordingLogger(Level.DEBUG);
        LibavLog libav = new LibavLog(logger, clock::get);
        av_log((Pointer) null, AV_LOG_ERROR, "before activation\n");

        libav.activate();
        try {
            av_log((Pointer) null, AV_LOG_ERROR, "while active\n");
        } finally {
            libav.deactivate();
        }
        av_log((Pointer) null, AV_LOG_ERROR, "after deactivation\n"); // FFmpeg has no callback now: no crash

        assertEquals(List.of("libav error: while active"),
                logger.lines().stream().map(RecordingLogger.Line::text).toList());
    }

    @Test
    void afterDeactivationNothingNativeKeepsTheCallbackAlive() throws InterruptedException {
        LibavLog libav = new LibavLog(new RecordingLogger(Level.DEBUG), clock::get);
        libav.activate();
        WeakReference<Object> callback = new WeakReference<>(libav.installed());
        assertNotNull(callback.get());

        libav.deactivate();

        // Were FFmpeg or JavaCPP still holding it, this bundle's class loader would outlive a hot undeploy.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (callback.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(callback.get() == null, "the deactivated callback is still reachable");
        Reference.reachabilityFence(libav); // the component itself stays alive: only FFmpeg's side is let go
    }
}
