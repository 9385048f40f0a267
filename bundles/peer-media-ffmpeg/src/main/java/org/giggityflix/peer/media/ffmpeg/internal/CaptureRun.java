package org.giggityflix.peer.media.ffmpeg.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.JpegEncoder;

/**
 * {@code CaptureRun} is responsible for one capture request: it finds the sharpest frame of every window and makes
 * its JPEG, on the calling thread and, for files up to 4K, on a second decoder of the same file on a helper thread,
 * the two taking windows in position order from one queue until none is left.
 *
 * <p>Two decoders, each seeking to its own windows, keep both cores busy for the whole capture (scoring and JPEG
 * encoding included), where one decoder's frame threads idle at every seek and flush. Memory stays bounded: at most
 * two decoders per request, and files above 4K get one.
 */
final class CaptureRun {

    /** Pictures up to this many pixels (4K UHD) are decoded on two decoders at once. */
    static final long PARALLEL_MAX_PIXELS = 3840L * 2160;

    /**
     * Frame threads of each of two decoders, for pictures up to {@link #THREADED_MAX_PIXELS}. Two rather than one: a
     * frame thread decodes the next frame while this decoder's thread scores and encodes, for ~2 % more CPU than
     * single-threaded decoders; and on a machine busy with other work a capture's share of the cores follows its
     * runnable threads, as the ffmpeg CLI's does (it runs one decoder thread per core plus one). Measured under a
     * load average of 8–13 on 2 cores: 1.8–2.8 s per 10-screenshot capture of a 1080p file with two threads per
     * decoder, 3.1–8.3 s with one.
     */
    static final int THREADS_PER_SHARED_DECODER = 2;

    /**
     * Each frame thread keeps its own pool of pictures: at 1080p two threads per decoder took the capture's peak RSS
     * from ~380 to ~530 MB. Larger pictures (up to 4K) get single-threaded decoders, so the pools stay bounded.
     */
    static final long THREADED_MAX_PIXELS = 1920L * 1200;

    private final Path file;
    private final CaptureSettings settings;
    private final JpegEncoder encoder;
    /** Distinct windows in position order (the order both decoders take them in, so each only seeks forward). */
    private final List<CaptureWindow> windows;
    private final Thumbnail[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set by whichever comes first: the helper starting, or the calling thread no longer waiting for it. */
    private final AtomicBoolean helperClaimed = new AtomicBoolean();
    private final CountDownLatch helperDone = new CountDownLatch(1);

    private CaptureRun(Path file, CaptureSettings settings, List<CaptureWindow> windows) {
        this.file = file;
        this.settings = settings;
        this.encoder = new JpegEncoder(settings.jpegQuality(), settings.maxWidth());
        this.windows = windows;
        this.results = new Thumbnail[windows.size()];
    }

    /**
     * The thumbnail of each position, in the order given.
     *
     * @param helpers where the second decoder runs; {@code null} for one decoder on the calling thread
     */
    static List<Thumbnail> capture(Path file, List<Double> positions, CaptureSettings settings,
            ExecutorService helpers) throws IOException {
        List<CaptureWindow> requested = CaptureWindow.around(positions, settings.windowSeconds());
        // A repeated position has the very same window: decoded once, its thumbnail given to each request.
        Map<CaptureWindow, Integer> distinct = new LinkedHashMap<>();
        requested.stream().sorted(Comparator.comparingDouble(CaptureWindow::from))
                .forEach(window -> distinct.putIfAbsent(window, distinct.size()));
        CaptureRun run = new CaptureRun(file, settings, new ArrayList<>(distinct.keySet()));
        run.run(helpers);
        List<Thumbnail> thumbnails = new ArrayList<>(requested.size());
        for (CaptureWindow window : requested) {
            thumbnails.add(run.results[distinct.get(window)]);
        }
        return thumbnails;
    }

    private void run(ExecutorService helpers) throws IOException {
        boolean twoDecoders = helpers != null && windows.size() > 1;
        // One decoder alone gets FFmpeg's threads (one per core plus one); two get two each, or one above 1080p.
        try (VideoFrames frames = VideoFrames.open(file, settings.maxWidth(),
                twoDecoders ? CaptureRun::sharedDecoderThreads : pixels -> 0)) {
            Future<?> helper = null;
            if (twoDecoders && frames.pixels() <= PARALLEL_MAX_PIXELS) {
                try {
                    helper = helpers.submit(this::help);
                } catch (RejectedExecutionException e) {
                    // The provider is stopping: this thread takes every window.
                }
            }
            try {
                work(frames);
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
                if (helper != null) {
                    helper.cancel(true);
                }
                throw e;
            }
            awaitHelper(helper);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw asIOException(failed);
        }
    }

    /** The second decoder: opens the file only if the calling thread still waits for it and a window is left. */
    private void help() {
        if (!helperClaimed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (next.get() >= windows.size() || failure.get() != null) {
                return;
            }
            try (VideoFrames frames = VideoFrames.open(file, settings.maxWidth(), CaptureRun::sharedDecoderThreads)) {
                work(frames);
            }
        } catch (Throwable e) {
            fail(e);
        } finally {
            helperDone.countDown();
        }
    }

    /** Threads of one of two decoders sharing a capture (also of the first one, should it end up alone above 4K). */
    static int sharedDecoderThreads(long pixels) {
        return pixels <= THREADED_MAX_PIXELS ? THREADS_PER_SHARED_DECODER : 1;
    }

    /** Takes the next window left until none is, or until either decoder has failed. */
    private void work(VideoFrames frames) throws IOException {
        int index;
        while (failure.get() == null && (index = next.getAndIncrement()) < windows.size()) {
            results[index] = thumbnail(frames.sharpest(windows.get(index)));
        }
    }

    private Thumbnail thumbnail(VideoFrames.ChosenFrame frame) throws IOException {
        BufferedImage image = encoder.fit(frame.image().toBufferedImage());
        return new Thumbnail(frame.seconds(), image.getWidth(), image.getHeight(), encoder.encode(image));
    }

    /**
     * Waits for the helper's last window. A helper that has not started yet (queued behind another request's) is
     * told not to: this thread has already done every window.
     */
    private void awaitHelper(Future<?> helper) throws InterruptedIOException {
        if (helper == null || helperClaimed.compareAndSet(false, true)) {
            if (helper != null) {
                helper.cancel(false);
            }
            return;
        }
        try {
            helperDone.await();
        } catch (InterruptedException e) {
            helper.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("thumbnail capture interrupted: " + file);
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    private IOException asIOException(Throwable failed) {
        if (failed instanceof IOException io) {
            return io;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        return new IOException("thumbnail capture of " + file + " failed: " + failed, failed);
    }
}
