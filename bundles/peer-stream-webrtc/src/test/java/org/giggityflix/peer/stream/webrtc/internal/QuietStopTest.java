package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves what a person sees when the peer stops, with a whole transport lifetime in a JVM of its own
 * ({@link TransportLifetime}) that ends with {@code System.exit} as Karaf does: a peer that never streamed starts
 * no libwebrtc thread at all and prints nothing from libwebrtc when it exits (before, libwebrtc was loaded at
 * activation and its exit-time cleanup printed "VM attach current thread failed" / "Failed to attach thread N" at
 * every stop); after a session ran, deactivation ends the factory's signaling/worker/network threads and the
 * transport's own threads, and the JVM exits normally; a peer whose Edge link comes up loads libwebrtc and FFmpeg
 * then, in the background, before any viewer asks (issue 14.5), and stops as cleanly.
 */
class QuietStopTest {

    /** What libwebrtc-java 0.14.0 prints when its exit-time cleanup cannot attach to the JVM. */
    private static final List<String> NATIVE_NOISE = List.of("attach current thread", "Failed to attach thread");

    /**
     * Kept alive after deactivation by webrtc-java 0.14.0 itself: {@code RTCPeerConnection.close()} never releases
     * the native peer connection (upstream issue 239), which holds libwebrtc's voice engine queue and the audio
     * module's buffer thread until the JVM exits. Nothing else may outlive the transport.
     */
    private static final Set<String> HELD_BY_CLOSED_PEER_CONNECTIONS = Set.of("rtc-low-prio", "AudioDeviceBuff");

    @TempDir
    Path dir;

    @Test
    void aPeerThatNeverStreamedStartsNoLibwebrtcAndStopsWithoutNativeNoise() throws Exception {
        Lifetime life = live("idle");

        assertEquals(0, life.exitCode(), life.output());
        assertEquals(List.of(), life.threads("activated: "), "activation started threads\n" + life.output());
        assertEquals(List.of(), life.threads("deactivated: "), life.output());
        for (String noise : NATIVE_NOISE) {
            assertFalse(life.output().contains(noise), "libwebrtc printed at exit:\n" + life.output());
        }
    }

    @Test
    void afterASessionDeactivationEndsLibwebrtcsThreadsAndTheJvmExitsNormally() throws Exception {
        Path video = TestMedia.video(dir.resolve("clip.mp4"), 320, 180, 2, true);
        Lifetime life = live("stream", video.toString());

        assertEquals(0, life.exitCode(), life.output());
        assertTrue(life.output().contains("offer: true"), life.output());
        List<String> streaming = life.threads("streaming: ");
        for (String factoryThread : List.of("webrtc_jni_sign", "webrtc_jni_work", "webrtc_jni_netw")) {
            assertTrue(streaming.contains(factoryThread), "the session ran without " + factoryThread + ": "
                    + streaming);
        }
        List<String> left = new ArrayList<>(life.threads("deactivated: "));
        // javacpp's reference cleaner lives as long as FFmpeg's natives are loaded (shared with the media runtime).
        left.remove("JavaCPP Dealloc");
        left.removeAll(HELD_BY_CLOSED_PEER_CONNECTIONS);
        assertEquals(List.of(), left, "threads outlived the transport\n" + life.output());
    }

    @Test
    void theEdgeLinkComingUpLoadsLibwebrtcAndFfmpegBeforeAnyViewer() throws Exception {
        Lifetime life = live("edge");

        assertEquals(0, life.exitCode(), life.output());
        assertEquals(List.of(), life.threads("activated: "), "activation started threads\n" + life.output());
        assertEquals("", life.line("ffmpeg at activation: "), "FFmpeg loaded at activation\n" + life.output());
        List<String> prepared = life.threads("prepared: ");
        for (String factoryThread : List.of("webrtc_jni_sign", "webrtc_jni_work", "webrtc_jni_netw")) {
            assertTrue(prepared.contains(factoryThread), "libwebrtc not started: " + prepared + "\n" + life.output());
        }
        assertEquals("avcodec,avfilter,avformat,avutil,swresample,swscale", life.line("ffmpeg prepared: "),
                life.output());
        List<String> left = new ArrayList<>(life.threads("deactivated: "));
        left.remove("JavaCPP Dealloc");
        assertEquals(List.of(), left, "threads outlived the transport\n" + life.output());
    }

    private record Lifetime(int exitCode, String output) {

        /** The rest of the line starting with {@code prefix}. */
        String line(String prefix) {
            for (String line : output.split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            throw new AssertionError("no line " + prefix + " in\n" + output);
        }

        /** The thread names on the line starting with {@code prefix}, without their {@code #n} count. */
        List<String> threads(String prefix) {
            for (String line : output.split("\n")) {
                if (line.startsWith(prefix)) {
                    String names = line.substring(prefix.length()).trim();
                    return names.isEmpty() ? List.of()
                            : Arrays.stream(names.split(",")).map(n -> n.replaceAll("#\\d+$", "")).toList();
                }
            }
            throw new AssertionError("no line " + prefix + " in\n" + output);
        }
    }

    private Lifetime live(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                TransportLifetime.class.getName()));
        command.addAll(List.of(args));
        Path console = dir.resolve("console-" + args[0] + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile())
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the transport's JVM did not exit:\n" + Files.readString(console));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Lifetime(process.exitValue(), Files.readString(console));
    }
}
