package org.giggityflix.peer.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code Tools} is responsible for the one rule about programs a test needs from the machine (Chromium, ffmpeg,
 * miniupnpd, coturn, network namespaces): on a developer's machine a missing one makes the test skip with a reason;
 * under CI ({@code CI=true}, where {@code .ci/run} installs every one of them) it fails the test, so a run that
 * proved nothing never looks green.
 *
 * <p>JUnit 5: {@code assumeTrue(Tools.present(Tool.CHROMIUM), "needs Chromium")}; JUnit 4:
 * {@code assumeTrue("needs Chromium", Tools.present(Tool.CHROMIUM))}.
 */
public final class Tools {

    /** A program (or a capability) some tests need, and the Debian package that brings it. */
    public enum Tool {
        /** Headless Chromium driven through chromedriver. */
        CHROMIUM("Debian chromium + chromium-driver"),
        /** The ffmpeg command, which makes test media (the peer itself decodes in-process). */
        FFMPEG("the ffmpeg command (Debian ffmpeg)"),
        /** A real UPnP gateway: miniupnpd with its nftables backend. */
        MINIUPNPD("miniupnpd and nft (Debian miniupnpd-nftables, nftables)"),
        /** A real TURN server. */
        COTURN("Debian coturn (turnserver)"),
        /** Network namespaces and traffic shaping: root, ip and tc. */
        NAMESPACES("root with ip and tc (Debian iproute2)"),
        /** curl, a client run inside a namespace. */
        CURL("the curl command (Debian curl)"),
        /** Dropping a path's packets ({@link PortBlock}): root and nft. */
        NFTABLES("root with nft (Debian nftables)");

        private final String what;

        Tool(String what) {
            this.what = what;
        }

        /** What is needed, with the Debian package to install. */
        public String what() {
            return what;
        }

        boolean isPresent() {
            return switch (this) {
                case CHROMIUM -> Browser.available();
                case FFMPEG -> FfmpegCli.available();
                case MINIUPNPD -> onPath("miniupnpd") && onPath("nft");
                case COTURN -> TurnServer.available();
                case NAMESPACES -> NetNamespace.unavailableReason() == null;
                case CURL -> onPath("curl");
                case NFTABLES -> PortBlock.unavailableReason() == null;
            };
        }
    }

    private Tools() {
    }

    /** True when the build runs under CI ({@code CI=true}). */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * True when every one of {@code tools} is here. When one is not: false on a developer's machine (the caller
     * skips), an {@link AssertionError} naming what to install under CI.
     */
    public static boolean present(Tool... tools) {
        String missing = missing(tools);
        if (missing == null) {
            return true;
        }
        if (underCi()) {
            throw new AssertionError("CI=true and this test needs " + missing + ": .ci/run must install it");
        }
        return false;
    }

    /** What of {@code tools} is missing here ("a and b"), or null when every one is present. Never throws. */
    public static String missing(Tool... tools) {
        List<String> missing = new ArrayList<>();
        for (Tool tool : tools) {
            if (!tool.isPresent()) {
                missing.add(tool.what());
            }
        }
        return missing.isEmpty() ? null : String.join(" and ", missing);
    }

    private static boolean onPath(String command) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/sbin", "/sbin", "/usr/bin"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
