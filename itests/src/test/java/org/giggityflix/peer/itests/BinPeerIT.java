package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code BinPeerIT} is responsible for the README's promise about {@code bin/peer}: the built tarball, untarred as a
 * user would, starts in the background on a media folder, answers {@code status}, {@code scan} and {@code shell}
 * through the Karaf client without a terminal or password, exits with status 1 when a command fails (so scripts
 * and cron notice), and stops; started in the foreground, as the README says, Ctrl-C stops it cleanly. Plain JUnit,
 * no pax-exam: the scripts themselves are what is tested.
 */
public class BinPeerIT {

    // The itests' range, away from PeerTestSupport's fixed ports, so this may run beside the pax-exam tests.
    private static final int SSH_PORT = 18701;
    private static final int RMI_REGISTRY_PORT = 18702;
    private static final int RMI_SERVER_PORT = 18703;
    private static final int HTTP_PORT = 18704;
    private static final int NOBODY_PORT = 18705;
    /** A second peer, started in the foreground (its own untarred copy, its own ports). */
    private static final int FOREGROUND_SSH_PORT = 18706;
    private static final int FOREGROUND_RMI_REGISTRY_PORT = 18707;
    private static final int FOREGROUND_RMI_SERVER_PORT = 18708;
    private static final int FOREGROUND_HTTP_PORT = 18709;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static Path home;
    private static Path media;
    private static Path dataDir;
    private static Result started;

    @BeforeClass
    public static void untarAndStart() throws Exception {
        Path work = untar("bin-peer-it", SSH_PORT, RMI_REGISTRY_PORT, RMI_SERVER_PORT);
        home = work;
        media = Files.createDirectories(work.resolve("media/shows"));
        Files.write(media.resolve("pilot.mp4"), "not really a video, but an .mp4 to catalog and hash".getBytes(
                StandardCharsets.UTF_8));
        dataDir = work.resolve("peer-data");
        started = peer(List.of("start", "--background", "--media-dir", media.getParent().toString()));
        awaitStatus();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (home == null) {
            return;
        }
        peer(List.of("stop"));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && isRunning()) {
            Thread.sleep(500);
        }
    }

    @Test
    public void firstStartMadeAnAdminPasswordAndStoredOnlyItsHash() throws IOException {
        assertEquals(started.output, 0, started.exit);
        assertTrue(started.output, started.output.contains("created the console user 'admin' with the password"));
        String password = started.output.lines()
                .dropWhile(l -> !l.contains("with the password")).skip(2).findFirst().orElse("").trim();
        assertFalse(started.output, password.isEmpty());
        String users = Files.readString(home.resolve("etc/users.properties"));
        assertFalse("the password must not be stored in the clear", users.contains(password));
        assertTrue(users, users.lines().anyMatch(l -> l.startsWith("admin = {CRYPT}")));
        assertFalse("Karaf's well-known karaf/karaf account must be gone",
                users.lines().anyMatch(l -> l.startsWith("karaf =")));
    }

    @Test
    public void statusScanAndShellWorkWithoutATerminal() throws Exception {
        Result status = peer(List.of("status"));
        assertEquals(status.output, 0, status.exit);
        assertTrue(status.output, status.output.contains("Peer id"));
        assertTrue(status.output, status.output.contains(dataDir.toString()));

        Result scan = peer(List.of("scan"));
        assertEquals(scan.output, 0, scan.exit);
        assertTrue(scan.output, scan.output.contains("Scan finished"));

        Result list = peer(List.of("shell", "peer:media list --search pilot"));
        assertEquals(list.output, 0, list.exit);
        assertTrue(list.output, list.output.contains("pilot.mp4"));
    }

    @Test
    public void aFailedCommandExitsWithStatusOneAndSaysWhy() throws Exception {
        Result unknownId = peer(List.of("shell", "peer:media show 999999"));
        assertEquals(unknownId.output, 1, unknownId.exit);
        assertTrue(unknownId.output, unknownId.output.contains("No cataloged file with id 999999"));
        assertFalse("a user error is a sentence, not a stack trace: " + unknownId.output,
                unknownId.output.contains("Exception"));

        Result unknownAlgorithm = peer(List.of("shell", "peer:hash 1 nosuch"));
        assertEquals(unknownAlgorithm.output, 1, unknownAlgorithm.exit);
        assertTrue(unknownAlgorithm.output, unknownAlgorithm.output.contains("unknown hash algorithm 'nosuch'"));

        Result badScanOption = peer(List.of("scan", "--sideways"));
        assertEquals(badScanOption.output, 1, badScanOption.exit);
        assertTrue(badScanOption.output, badScanOption.output.contains("unknown scan option '--sideways'"));
    }

    /**
     * A terminal's Ctrl-C signals the whole foreground process group. Karaf stops its framework on SIGTERM but not on
     * SIGINT, so without bin/peer's handling the JVM would exit with no bundle stopped: the catalog's WAL file left
     * behind (SQLite removes it when the last connection closes) is how an unclean stop shows.
     */
    @Test
    public void ctrlCStopsAForegroundPeerCleanly() throws Exception {
        Path other = untar("bin-peer-it-foreground", FOREGROUND_SSH_PORT, FOREGROUND_RMI_REGISTRY_PORT,
                FOREGROUND_RMI_SERVER_PORT);
        Path data = other.resolve("peer-data");
        Map<String, String> env = environment(data, FOREGROUND_HTTP_PORT);
        // setsid: the peer's own process group, as a shell gives a foreground job.
        ProcessBuilder builder = new ProcessBuilder("setsid", other.resolve("bin/peer").toString(), "start",
                "--media-dir", media.toString()).directory(other.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("MEDIA_DIRS");
        Path output = other.resolve("foreground.out");
        builder.redirectOutput(output.toFile());
        Process foreground = builder.start();
        try {
            awaitStatus(other, data, FOREGROUND_HTTP_PORT);
            assertTrue("the catalog is open while the peer runs", Files.exists(data.resolve("catalog.db-wal")));

            Result ctrlC = run(other, List.of("kill", "-INT", "--", "-" + foreground.pid()), Map.of(),
                    Duration.ofSeconds(10));
            assertEquals(ctrlC.output, 0, ctrlC.exit);

            assertTrue("stopped within 2 minutes", foreground.waitFor(2, TimeUnit.MINUTES));
            String said = Files.readString(output);
            assertEquals(said, 0, foreground.exitValue());
            assertTrue(said, said.contains("peer: stopping"));
            assertTrue(Files.exists(data.resolve("catalog.db")));
            assertFalse("every bundle stopped, the catalog closed: " + said,
                    Files.exists(data.resolve("catalog.db-wal")));
        } finally {
            foreground.destroyForcibly();
        }
    }

    @Test
    public void aSecondStartIsRefusedWhileThePeerRuns() throws Exception {
        Result again = peer(List.of("start", "--background", "--media-dir", media.toString()));
        assertEquals(again.output, 1, again.exit);
        assertTrue(again.output, again.output.contains("a peer is already running"));
    }

    /** Untars the distribution into {@code target/<folder>}, with the given ports. */
    private static Path untar(String folder, int sshPort, int rmiRegistryPort, int rmiServerPort) throws Exception {
        Path work = Paths.get(System.getProperty("peer.itests.target", "target"), folder);
        deleteTree(work);
        Files.createDirectories(work);
        Path tarball = Paths.get(URI.create(distributionUrl()));
        Result untar = run(work, List.of("tar", "xzf", tarball.toString(), "--strip-components=1"), Map.of(),
                Duration.ofMinutes(2));
        assertEquals(untar.output, 0, untar.exit);
        setProperty(work, "etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        setProperty(work, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort", rmiRegistryPort);
        setProperty(work, "etc/org.apache.karaf.management.cfg", "rmiServerPort", rmiServerPort);
        return work;
    }

    private static void awaitStatus() throws Exception {
        awaitStatus(home, dataDir, HTTP_PORT);
    }

    private static void awaitStatus(Path peerHome, Path data, int httpPort) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Result last = null;
        while (Instant.now().isBefore(deadline)) {
            last = peer(peerHome, data, httpPort, List.of("status"));
            if (last.exit == 0 && last.output.contains("Peer id")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("bin/peer status did not answer within " + START_TIMEOUT + "; last: "
                + (last == null ? "none" : last.output) + "\nkaraf.log:\n" + logTail(peerHome));
    }

    private static boolean isRunning() throws Exception {
        return run(home, List.of(home.resolve("bin/status").toString()), Map.of(), Duration.ofSeconds(30)).exit == 0;
    }

    private static Result peer(List<String> args) throws Exception {
        return peer(home, dataDir, HTTP_PORT, args);
    }

    private static Result peer(Path peerHome, Path data, int httpPort, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(peerHome.resolve("bin/peer").toString());
        command.addAll(args);
        return run(peerHome, command, environment(data, httpPort), Duration.ofMinutes(2));
    }

    private static Map<String, String> environment(Path data, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.toString());
        env.put("HTTP_PORT", String.valueOf(httpPort));
        env.put("UPNP_ENABLED", "false");
        env.put("EDGE_GRPC_ADDRESS", "localhost:" + NOBODY_PORT);
        return env;
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("MEDIA_DIRS");
        Path output = Files.createTempFile("bin-peer", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + ": "
                    + Files.readString(output));
        }
        String text = Files.readString(output);
        Files.delete(output);
        System.err.println("$ " + String.join(" ", command) + " -> " + process.exitValue() + "\n" + text);
        return new Result(process.exitValue(), text);
    }

    private static void setProperty(Path peerHome, String file, String key, int value) throws IOException {
        Path path = peerHome.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(l -> l.matches("\\s*" + key + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    private static String distributionUrl() {
        String location = System.getProperty("peer.distribution");
        if (location == null) {
            throw new IllegalStateException("peer.distribution is not set (run through Maven: mvn verify)");
        }
        return location.startsWith("file:") ? location : Paths.get(location).toUri().toString();
    }

    private static String logTail(Path peerHome) {
        try {
            List<String> lines = Files.readAllLines(peerHome.resolve("data/log/karaf.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Result(int exit, String output) {
    }
}
