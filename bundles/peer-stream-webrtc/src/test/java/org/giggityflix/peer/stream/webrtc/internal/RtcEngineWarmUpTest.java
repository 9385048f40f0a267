package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.onvoid.webrtc.PeerConnectionFactory;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.FrameSource;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.Test;

/**
 * {@code RtcEngineWarmUpTest} is responsible for proving the first viewer need not wait for libwebrtc and the codecs
 * (issue 14.5): the transport prepares its engine and every installed {@link FrameSource} in the background once the
 * Edge link is up, the first session then gets that very factory, a link coming up again starts nothing new, and a
 * codec that fails to prepare neither stops the others nor the engine. Without a link nothing is loaded
 * ({@link QuietStopTest} checks the threads, the libraries and the console of such a peer in a JVM of its own).
 */
class RtcEngineWarmUpTest {

    private static final Duration START = Duration.ofSeconds(30);

    @Test
    void theEdgeLinkComingUpPreparesTheEngineAndTheCodecsTheFirstSessionThenUses() throws Exception {
        WebRtcTransportComponent transport = new WebRtcTransportComponent(new InMemoryCatalog(),
                TransportLifetime.config());
        Codec broken = new Codec(true);
        Codec codec = new Codec(false);
        transport.addFrameSource(broken, Map.of("service.ranking", 10));
        transport.addFrameSource(codec, Map.of());
        RtcEngine engine = transport.engine();
        try {
            assertFalse(engine.ready(), "nothing is loaded at activation");
            assertEquals(0, codec.prepared.get(), "no codec prepared at activation");

            transport.edgeLinkUp(null);

            Await.until(START, "the engine and the codecs prepared in the background",
                    () -> engine.ready() && codec.prepared.get() == 1);
            assertEquals(1, broken.prepared.get(), "the failing codec was asked too");
            PeerConnectionFactory prepared = engine.factory();
            transport.edgeLinkDown(null);
            transport.edgeLinkUp(null); // the link back again: nothing new is started
            assertSame(prepared, engine.factory(), "the first session gets the prepared factory");
        } finally {
            transport.deactivate();
        }
        // Deactivation disposes on the engine's one thread, after anything queued there: the count is final now.
        assertEquals(1, codec.prepared.get(), "prepared once, not again when the link came back");
    }

    @Test
    void anEngineStoppedBeforeTheLinkCameUpStartsNothing() {
        RtcEngine engine = new RtcEngine();
        engine.close();
        Codec codec = new Codec(false);

        engine.prepare(codec::prepare);

        assertFalse(engine.ready(), "a stopped transport loads nothing");
        assertEquals(0, codec.prepared.get());
    }

    /** A codec that counts its preparations; a broken one fails them as a missing native library would. */
    private static final class Codec implements FrameSource {

        final AtomicInteger prepared = new AtomicInteger();
        private final boolean broken;

        Codec(boolean broken) {
            this.broken = broken;
        }

        @Override
        public Set<String> extensions() {
            return Set.of(".mp4");
        }

        @Override
        public FrameReader open(Path file, FrameOptions options) {
            throw new UnsupportedOperationException("not opened here");
        }

        @Override
        public void prepare() {
            prepared.incrementAndGet();
            if (broken) {
                throw new UnsatisfiedLinkError("no libavcodec.so.61 in java.library.path");
            }
        }
    }
}
