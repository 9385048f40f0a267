package org.giggityflix.peer.stream.webrtc.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RtcEngine} is responsible for the one libwebrtc {@link PeerConnectionFactory} of the transport: it is made
 * on the engine's own thread when the first session needs it or, ahead of it, when the transport is told a viewer
 * may come ({@link #prepare}: the Edge link is up), so the first viewer does not wait for libwebrtc (and the codecs,
 * prepared on the same thread) to load; a peer that never streams and has no Edge never loads libwebrtc nor starts
 * its threads. It is made <b>always with the dummy audio device module</b> (the default module aborts the whole JVM
 * on a headless machine, see NOTES), and it is disposed on that same thread — factory, then audio module — once the
 * sessions are closed.
 */
final class RtcEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtcEngine.class);

    /** Its thread is made by the first task, so an engine no session ever used has none. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webrtc-engine");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by {@code this}: null until the first session asks for the factory. */
    private Future<Parts> parts;
    private boolean closed;

    private record Parts(PeerConnectionFactory factory, AudioDeviceModule audio) {
    }

    /** The factory, starting libwebrtc on the first call and waiting for it to be ready. */
    PeerConnectionFactory factory() throws Exception {
        Future<Parts> started;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the WebRTC engine is stopped");
            }
            if (parts == null) {
                parts = thread.submit(() -> start("for the first session"));
            }
            started = parts;
        }
        try {
            return started.get(30, TimeUnit.SECONDS).factory();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the WebRTC engine did not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the WebRTC engine did not start within 30 s", e);
        }
    }

    /**
     * Starts libwebrtc in the background unless it is started (or the engine stopped), then runs {@code alsoPrepare}
     * on the same thread (the codecs' libraries), and returns at once: the first session then finds them ready, or
     * waits only for the rest of their start.
     */
    void prepare(Runnable alsoPrepare) {
        synchronized (this) {
            if (closed || parts != null) {
                return;
            }
            parts = thread.submit(() -> start("ahead of the first session"));
            thread.submit(alsoPrepare);
        }
    }

    /** Whether the factory is made and ready for a session. */
    synchronized boolean ready() {
        if (parts == null || !parts.isDone()) {
            return false;
        }
        try {
            return parts.get() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static Parts start(String when) {
        long start = System.nanoTime();
        // Never the platform default: PulseAudio/ALSA probing aborts the JVM without a sound server.
        AudioDeviceModule audio = new AudioDeviceModule(AudioLayer.kDummyAudio);
        PeerConnectionFactory factory = new PeerConnectionFactory(audio);
        LOG.info("WebRTC engine started {} in {} ms (libwebrtc loaded, dummy audio device)", when,
                (System.nanoTime() - start) / 1_000_000);
        return new Parts(factory, audio);
    }

    /** Disposes of the factory and audio module if a session started them; call after every session is closed. */
    @Override
    public void close() {
        Future<Parts> started;
        synchronized (this) {
            closed = true;
            started = parts;
        }
        if (started == null) {
            thread.shutdownNow();
            LOG.debug("WebRTC engine stopped; no session had started it");
            return;
        }
        Future<?> disposed = thread.submit(() -> {
            Parts p;
            try {
                p = started.get();
            } catch (Exception e) {
                LOG.debug("WebRTC engine had not started; nothing to dispose", e);
                return;
            }
            // webrtc-java reports a native object still referenced as java.lang.Error: log it, go on freeing.
            boolean clean = true;
            try {
                p.factory().dispose();
            } catch (RuntimeException | Error e) {
                clean = false;
                LOG.warn("disposing the WebRTC peer connection factory failed", e);
            }
            try {
                p.audio().dispose();
            } catch (RuntimeException | Error e) {
                clean = false;
                LOG.warn("disposing the WebRTC audio device module failed", e);
            }
            if (clean) {
                LOG.info("WebRTC engine stopped (libwebrtc's signaling, worker and network threads ended)");
            }
        });
        try {
            disposed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("disposing the WebRTC engine failed", e);
        }
        thread.shutdownNow();
    }
}
