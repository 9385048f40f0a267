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
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RtcEngine} is responsible for the one libwebrtc {@link PeerConnectionFactory} of the transport: it is made
 * and disposed on the engine's own thread, <b>always with the dummy audio device module</b> (the default module
 * aborts the whole JVM on a headless machine, see NOTES), and FFmpeg's natives are loaded at the same time so the
 * first session does not pay for them.
 */
final class RtcEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtcEngine.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webrtc-engine");
        t.setDaemon(true);
        return t;
    });
    private final Future<Parts> parts;

    private record Parts(PeerConnectionFactory factory, AudioDeviceModule audio) {
    }

    RtcEngine() {
        parts = thread.submit(() -> {
            long start = System.nanoTime();
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            Loader.load(avutil.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(swscale.class);
            Loader.load(swresample.class);
            // Never the platform default: PulseAudio/ALSA probing aborts the JVM without a sound server.
            AudioDeviceModule audio = new AudioDeviceModule(AudioLayer.kDummyAudio);
            PeerConnectionFactory factory = new PeerConnectionFactory(audio);
            LOG.info("WebRTC engine ready in {} ms (libwebrtc + FFmpeg loaded, dummy audio device)",
                    (System.nanoTime() - start) / 1_000_000);
            return new Parts(factory, audio);
        });
    }

    /** The factory, waiting for the engine to start if it has not yet. */
    PeerConnectionFactory factory() throws Exception {
        try {
            return parts.get(30, TimeUnit.SECONDS).factory();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the WebRTC engine did not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the WebRTC engine did not start within 30 s", e);
        }
    }

    @Override
    public void close() {
        Future<?> disposed = thread.submit(() -> {
            try {
                Parts p = parts.get();
                p.factory().dispose();
                p.audio().dispose();
            } catch (Exception e) {
                LOG.debug("WebRTC engine had not started; nothing to dispose", e);
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
