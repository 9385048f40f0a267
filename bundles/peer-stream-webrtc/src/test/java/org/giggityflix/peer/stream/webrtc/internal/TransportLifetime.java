package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.testsupport.InMemoryCatalog;

/**
 * {@code TransportLifetime} is responsible for living one whole life of the transport in a JVM of its own, the way
 * the peer does between {@code bin/peer start} and {@code bin/peer stop}: activate the component, optionally stream
 * one session (offer made, candidates gathered), deactivate it, then leave with {@code System.exit} as Karaf does.
 * It prints, one per line, the operating-system threads that appeared beyond those of the bare JVM at each step
 * ({@code activated: ...}, {@code streaming: ...}, {@code prepared: ...}, {@code deactivated: ...}), and the FFmpeg
 * libraries loaded ({@code ffmpeg at activation: ...}, {@code ffmpeg prepared: ...}), so {@link QuietStopTest} can
 * check which were libwebrtc's, what the Edge link coming up loads, and that none outlive deactivation; whatever
 * libwebrtc writes on the console is there too.
 */
public final class TransportLifetime {

    private TransportLifetime() {
    }

    /**
     * {@code args}: {@code idle}, {@code stream <video file>}, or {@code edge} (the Edge link comes up after
     * activation and no viewer comes).
     */
    public static void main(String[] args) throws Exception {
        boolean stream = args[0].equals("stream");
        boolean edge = args[0].equals("edge");
        InMemoryCatalog catalog = new InMemoryCatalog();
        long luid = -1;
        if (stream) {
            Path video = Path.of(args[1]);
            MediaFile file = catalog.add(video.getParent(), video.getFileName().toString(), Files.size(video));
            luid = file.luid();
        }
        Set<String> bare = nativeThreads();

        WebRtcTransportComponent transport = new WebRtcTransportComponent(catalog, config());
        transport.addFrameSource(new org.giggityflix.peer.media.ffmpeg.internal.FfmpegFrameSource(
                new org.giggityflix.peer.media.ffmpeg.internal.LibavLog()), java.util.Map.of());
        System.out.println("activated: " + beyond(bare));
        System.out.println("ffmpeg at activation: " + ffmpegLoaded());

        if (edge) {
            transport.edgeLinkUp(null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(transport.engine().ready() && ffmpegLoaded().contains("avfilter"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("prepared: " + beyond(bare));
            System.out.println("ffmpeg prepared: " + ffmpegLoaded());
        }

        if (stream) {
            CountDownLatch gathered = new CountDownLatch(1);
            SessionOffer offer = transport.open(SessionRequest.of(luid), new SignalingListener() {
                @Override
                public void localCandidate(String sessionId, IceCandidate candidate) {
                }

                @Override
                public void candidatesComplete(String sessionId) {
                    gathered.countDown();
                }

                @Override
                public void ended(String sessionId, String reason) {
                }
            });
            // No viewer answers: the gathered candidates are held back, so wait for the network thread's work.
            gathered.await(3, TimeUnit.SECONDS);
            System.out.println("offer: " + offer.sdp().startsWith("v=0"));
            System.out.println("streaming: " + beyond(bare));
        }

        transport.deactivate();
        // Threads take a moment to wind down after they are told to: give them a few seconds, no more.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String left = beyond(bare);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = beyond(bare);
        }
        System.out.println("deactivated: " + left);
        System.out.flush();
        System.exit(0);
    }

    /** FFmpeg's libraries JavaCPP has loaded so far (avutil, avcodec, ...), in order, without duplicates. */
    private static String ffmpegLoaded() {
        Set<String> names = new TreeSet<>();
        for (String library : org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet()) {
            for (String ffmpeg : List.of("avutil", "avcodec", "avformat", "swscale", "swresample", "avfilter")) {
                if (library.contains(ffmpeg)) {
                    names.add(ffmpeg);
                }
            }
        }
        return String.join(",", names);
    }

    /** Names of this process's threads now that were not there in {@code bare} (the JVM's own excepted). */
    private static String beyond(Set<String> bare) throws IOException {
        List<String> extra = new ArrayList<>();
        for (String name : nativeThreads()) {
            if (!bare.contains(name) && !jvmOwn(name)) {
                extra.add(name);
            }
        }
        return String.join(",", extra);
    }

    /** HotSpot starts these on demand (more GC and compiler threads); they are nobody's leak. */
    private static boolean jvmOwn(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("C1 Compiler")
                || name.startsWith("C2 Compiler") || name.startsWith("VM ");
    }

    /** Every thread of this process as the kernel names it (Java and native alike), with duplicates numbered. */
    static Set<String> nativeThreads() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.collect(Collectors.toList())) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        Set<String> numbered = new TreeSet<>();
        for (String name : names) {
            int n = 1;
            while (!numbered.add(name + "#" + n)) {
                n++;
            }
        }
        return numbered;
    }

    static WebRtcConfig config() {
        return new WebRtcConfig() {
            public Class<? extends Annotation> annotationType() {
                return WebRtcConfig.class;
            }

            public String stunServers() {
                return "";
            }

            public String turnServers() {
                return "";
            }

            public String turnUsername() {
                return "";
            }

            public String turnPassword() {
                return "";
            }

            public int maxBandwidthKbps() {
                return 1000;
            }

            public int maxSessions() {
                return 1;
            }

            public int answerTimeoutSec() {
                return 60;
            }

            @Override
            public String preferredAudioLanguage() {
                return "";
            }

            @Override
            public String degradationPreference() {
                return "balanced";
            }

            @Override
            public boolean turnTlsTrustSelfSigned() {
                return false;
            }
        };
    }
}
