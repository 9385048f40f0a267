package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FramePump} is responsible for decoding one file with FFmpeg and handing its pictures (I420) and sound
 * (s16le, 48 kHz, mono, 10 ms chunks) to a {@link Sink} at real-time pace, on its own thread: it waits until the
 * session is connected, obeys play/pause/seek, reports its position, and stops at the end of the file (paused,
 * so the viewer can seek back).
 */
final class FramePump {

    private static final Logger LOG = LoggerFactory.getLogger(FramePump.class);

    /** Where decoded media goes. Called on the pump thread only. */
    interface Sink {
        /**
         * One picture: planes of an I420 image, valid only during the call. {@code dueNanos} is when it is due to be
         * shown on the {@link System#nanoTime()} clock (media time paced from the start of play), so a picture sent
         * late still carries its place in the stream.
         */
        void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v,
                     int strideV, long dueNanos);

        /** 10 ms of sound: 480 samples, s16le mono at 48 kHz. */
        void sound(byte[] chunk);

        /** The position moved or the pump changed state; at most every report interval. */
        void progress(FramePump pump);

        /** The pump cannot go on (file unreadable, decoder error, file gone). */
        void failed(String reason);
    }

    /** Pictures up to this size (1080p) are decoded on one thread. */
    static final long SINGLE_THREAD_PIXELS = 1920L * 1088;
    /** Behind real time by more than this, the pump stops catching up and carries on from where it is. */
    static final long MAX_LAG_NANOS = 250_000_000L;

    private final Path file;
    private final Sink sink;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch opened = new CountDownLatch(1);

    private volatile FFmpegFrameGrabber grabber;
    private volatile String openError;
    private volatile boolean go;
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile boolean ended;
    private volatile long seekToMicros = -1;
    private volatile long positionMicros;
    private volatile long durationMicros;
    private volatile int width;
    private volatile int height;
    private volatile boolean audio;

    FramePump(Path file, Sink sink, String name) {
        this.file = file;
        this.sink = sink;
        this.thread = new Thread(this::run, "webrtc-pump-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread: it opens the file right away and waits for {@link #begin()} to send anything. */
    void start() {
        thread.start();
    }

    /** Waits until the file is open; the error in words if it could not be. */
    String awaitOpen(long timeoutMs) throws InterruptedException {
        if (!opened.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            return "opening " + file.getFileName() + " took longer than " + timeoutMs + " ms";
        }
        return openError;
    }

    /** The viewer is connected: send from the current position. */
    void begin() {
        signal(() -> go = true);
    }

    void play() {
        signal(() -> {
            if (ended) {
                ended = false;
                seekToMicros = 0;
            }
            paused = false;
        });
    }

    void pause() {
        signal(() -> paused = true);
    }

    void seek(double seconds) {
        long target = (long) (seconds * 1_000_000);
        long duration = durationMicros;
        signal(() -> {
            seekToMicros = duration > 0 ? Math.min(target, Math.max(0, duration - 100_000)) : target;
            ended = false;
        });
    }

    /** Stops the thread and waits for it (it owns the decoder). */
    void stop() {
        signal(() -> stopped = true);
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double positionSeconds() {
        return positionMicros / 1e6;
    }

    double durationSeconds() {
        return durationMicros / 1e6;
    }

    boolean paused() {
        return paused || ended;
    }

    boolean ended() {
        return ended;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean hasAudio() {
        return audio;
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            open();
        } catch (Exception | LinkageError e) {
            openError = "cannot decode " + file.getFileName() + ": " + e.getMessage();
            opened.countDown();
            return;
        }
        opened.countDown();
        try {
            pump();
        } catch (InterruptedException e) {
            // stopped
        } catch (Exception e) {
            if (!stopped) {
                LOG.warn("decoding {} failed", file, e);
                sink.failed("decoding failed: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void open() throws Exception {
        FFmpegFrameGrabber g = grabber(1);
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            g.close();
            throw new IllegalStateException("the file has no video stream");
        }
        if ((long) g.getImageWidth() * g.getImageHeight() > SINGLE_THREAD_PIXELS) {
            g.close(); // beyond 1080p one decoder thread may not keep up: FFmpeg's own choice (cores + 1)
            g = grabber(0);
        }
        width = g.getImageWidth();
        height = g.getImageHeight();
        durationMicros = Math.max(0, g.getLengthInTime());
        audio = g.hasAudio();
        grabber = g;
    }

    /**
     * A started decoder giving YUV420P pictures and s16le 48 kHz mono sound. {@code threads} 1 for pictures up to
     * 1080p: one 720p H.264 stream decodes in ~0.03 core on one thread, and FFmpeg's default (cores + 1 frame
     * threads per decoder) only multiplies threads, buffers and start-up delay when several sessions share the
     * cores; 0 is FFmpeg's default.
     */
    private FFmpegFrameGrabber grabber(int threads) throws Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        g.setSampleRate(WebRtcConstants.AUDIO_RATE);
        g.setAudioChannels(1);
        g.setVideoOption("threads", Integer.toString(threads));
        g.start();
        return g;
    }

    private void close() {
        FFmpegFrameGrabber g = grabber;
        if (g != null) {
            try {
                g.close();
            } catch (Exception e) {
                LOG.debug("closing the decoder of {} failed", file, e);
            }
        }
    }

    private void pump() throws Exception {
        FFmpegFrameGrabber g = grabber;
        AudioChunker chunker = new AudioChunker();
        long mediaBase = -1;
        long clockBase = 0;
        long lastReport = 0;
        while (!stopped) {
            lock.lock();
            try {
                while (!stopped && (!go || paused || ended) && seekToMicros < 0) {
                    changed.await(WebRtcConstants.REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS);
                    mediaBase = -1;
                    if (go) {
                        lastReport = report(lastReport);
                    }
                }
            } finally {
                lock.unlock();
            }
            if (stopped) {
                return;
            }
            long seek = seekToMicros;
            if (seek >= 0) {
                seekToMicros = -1;
                g.setTimestamp(seek);
                positionMicros = seek;
                chunker.clear();
                mediaBase = -1;
                lastReport = report(0);
                if (!go || paused) {
                    continue;
                }
            }
            Frame frame = g.grab();
            if (frame == null) {
                ended = true;
                positionMicros = durationMicros > 0 ? durationMicros : positionMicros;
                lastReport = report(0);
                continue;
            }
            long ts = frame.timestamp;
            if (mediaBase < 0) {
                mediaBase = ts;
                clockBase = System.nanoTime();
            }
            long due = clockBase + (ts - mediaBase) * 1_000;
            long late = System.nanoTime() - due;
            if (late > MAX_LAG_NANOS) {
                // Starved of CPU for a while: carry on from here at real time instead of rushing the backlog
                // out (a burst the viewer would see as a freeze then fast motion); the stream slips by that much.
                clockBase += late;
                due += late;
            }
            if (!waitUntil(due)) {
                mediaBase = -1;
                continue; // paused, seeking or stopping meanwhile: the frame is dropped
            }
            if (frame.image != null && frame.image[0] != null) {
                picture(frame, due);
                positionMicros = ts;
            } else if (frame.samples != null && frame.samples[0] != null) {
                chunker.add((ShortBuffer) frame.samples[0], sink);
            }
            lastReport = report(lastReport);
        }
    }

    /** Sleeps until {@code nanoTime} reaches {@code due}; false when a control change interrupts the wait. */
    private boolean waitUntil(long due) throws InterruptedException {
        lock.lock();
        try {
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                if (stopped || paused || seekToMicros >= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return !stopped && !paused && seekToMicros < 0;
        } finally {
            lock.unlock();
        }
    }

    private long report(long lastReport) {
        long now = System.currentTimeMillis();
        if (now - lastReport < WebRtcConstants.REPORT_INTERVAL_MS) {
            return lastReport;
        }
        sink.progress(this);
        return now;
    }

    private void picture(Frame frame, long dueNanos) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int strideY = frame.imageStride;
        int strideC = (strideY + 1) / 2;
        int chromaH = (h + 1) / 2;
        int total = strideY * h + 2 * strideC * chromaH;
        // javacv exposes only the Y plane's capacity; U and V follow it in the same buffer (see NOTES).
        ByteBuffer all = new BytePointer((ByteBuffer) frame.image[0]).capacity(total).limit(total).asByteBuffer();
        ByteBuffer y = all.duplicate().position(0).limit(strideY * h).slice();
        ByteBuffer u = all.duplicate().position(strideY * h).limit(strideY * h + strideC * chromaH).slice();
        ByteBuffer v = all.duplicate().position(strideY * h + strideC * chromaH).limit(total).slice();
        sink.picture(w, h, y, strideY, u, strideC, v, strideC, dueNanos);
    }

    /** {@code AudioChunker} is responsible for cutting decoded sound into the 10 ms chunks libwebrtc takes. */
    private static final class AudioChunker {
        private final byte[] chunk = new byte[WebRtcConstants.AUDIO_CHUNK_SAMPLES * 2];
        private int filled;

        void add(ShortBuffer samples, Sink sink) {
            ShortBuffer s = samples.duplicate();
            while (s.hasRemaining()) {
                short sample = s.get();
                chunk[filled++] = (byte) sample;
                chunk[filled++] = (byte) (sample >> 8);
                if (filled == chunk.length) {
                    sink.sound(chunk.clone());
                    filled = 0;
                }
            }
        }

        void clear() {
            filled = 0;
        }
    }
}
