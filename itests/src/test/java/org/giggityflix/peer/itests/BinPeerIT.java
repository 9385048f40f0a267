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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.giggityflix.peer.testsupport.FreePorts;
import org.junit.AfterClass;
import org.junit.Assume;
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

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** The owner's JAVA_MAX_MEM for the background peer (bin/setenv's default is 768M). */
    private static final long OWNERS_MAX_HEAP_MIB = 320;

    /** The background peer's ports, free when the class starts (so this may run beside any other test). */
    private static Ports ports;
    private static Path home;
    private static Path media;
    private static Path dataDir;
    private static Result started;

    @BeforeClass
    public static void untarAndStart() throws Exception {
        ports = Ports.take(List.of());
        Path work = untar("bin-peer-it", ports);
        home = work;
        media = Files.createDirectories(work.resolve("media/shows"));
        Files.write(media.resolve("pilot.mp4"), "not really a video, but an .mp4 to catalog and hash".getBytes(
                StandardCharsets.UTF_8));
        dataDir = work.resolve("peer-data");
        Map<String, String> env = environment(dataDir, ports);
        env.put("JAVA_MAX_MEM", OWNERS_MAX_HEAP_MIB + "M");
        started = run(home, List.of(home.resolve("bin/peer").toString(), "start", "--background", "--media-dir",
                media.getParent().toString()), env, Duration.ofMinutes(2));
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

    /**
     * Started without a terminal (as systemd or cron would), the generated password is not printed: it is in an
     * owner-only file under DATA_DIR whose path is printed, and users.properties holds only its salted PBKDF2 hash.
     */
    @Test
    public void firstStartPutTheAdminPasswordInAnOwnerOnlyFileAndStoredOnlyASaltedHash() throws IOException {
        assertEquals(started.output, 0, started.exit);
        Path file = dataDir.resolve("admin-password");
        assertTrue(started.output, started.output.contains("created the console user 'admin'"));
        assertTrue(started.output, started.output.contains(file.toString()));
        String password = Files.readString(file).trim();
        assertTrue(password, password.length() >= 20);
        assertFalse("the password is never printed without a terminal", started.output.contains(password));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String users = Files.readString(home.resolve("etc/users.properties"));
        assertFalse("the password must not be stored in the clear", users.contains(password));
        assertTrue(users, users.lines().anyMatch(l -> l.startsWith("admin = {CRYPT}pbkdf2-sha256$210000$")));
        assertFalse("Karaf's well-known karaf/karaf account must be gone",
                users.lines().anyMatch(l -> l.startsWith("karaf =")));
        assertFalse("nor in Karaf's log", Files.readString(home.resolve("data/log/karaf.log")).contains(password));
    }

    /** The console checks passwords through Karaf JAAS and the peer's PBKDF2 service: right one in, wrong one out. */
    @Test
    public void theAdminPasswordSignsInOverSshAndAWrongOneDoesNot() throws Exception {
        String password = Files.readString(dataDir.resolve("admin-password")).trim();

        Result right = passwordLogin(password);
        assertEquals(right.output, 0, right.exit);
        assertTrue(right.output, right.output.contains("signed-in-with-a-password"));

        Result wrong = passwordLogin(password + "x");
        assertFalse(wrong.output, wrong.output.contains("signed-in-with-a-password"));
        assertTrue(wrong.output, wrong.exit != 0);
    }

    /** Karaf's scripts ignore JAVA_MAX_MEM: the distribution must apply it (and its collector) itself. */
    @Test
    public void theJvmRunsWithTheOwnersMaxHeapAndTheDistributionsCollector() throws Exception {
        String flags = vmFlags(home);
        assertTrue(flags, flags.contains("-XX:MaxHeapSize=" + (OWNERS_MAX_HEAP_MIB << 20)));
        assertTrue(flags, flags.contains("-XX:G1PeriodicGCInterval=15000"));
        assertTrue(flags, flags.contains("-XX:+UseG1GC"));
        assertTrue(flags, flags.contains("-XX:GCTimeRatio=4"));
        // Native memory (issue 14.1): the C heap trimmed every 15 s (JDKs from 17.0.9 have it), two malloc arenas.
        if (Runtime.version().compareTo(Runtime.Version.parse("17.0.9")) >= 0) {
            assertTrue(flags, flags.contains("-XX:TrimNativeHeapInterval=15000"));
        }
        String pid = Files.readString(home.resolve("data/karaf.pid")).trim();
        String environment = new String(Files.readAllBytes(Paths.get("/proc", pid, "environ")), StandardCharsets.UTF_8);
        assertTrue("the JVM's environment has MALLOC_ARENA_MAX=2",
                List.of(environment.split("\0")).contains("MALLOC_ARENA_MAX=2"));
    }

    @Test
    public void firstStartMadeAnHttpsCertificateWhoseFingerprintStatusAndTheListenerShow() throws Exception {
        String printed = started.output.lines().filter(l -> l.contains("certificate SHA-256 "))
                .map(l -> l.substring(l.indexOf("SHA-256 ") + 8).trim()).findFirst().orElse("");
        assertTrue(started.output, printed.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        Path store = home.resolve("etc/peer-https.p12");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store)));
        Result status = peer(List.of("status"));
        assertTrue(status.output, status.output.contains("HTTPS SHA-256:    " + printed));
        // what a browser is shown: the listener's certificate
        java.security.cert.X509Certificate[] seen = new java.security.cert.X509Certificate[1];
        javax.net.ssl.TrustManager[] recordAll = {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth) {
                seen[0] = chain[0];
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }};
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, recordAll, null);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (seen[0] == null) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket("127.0.0.1", ports.https())) {
                socket.startHandshake();
            } catch (IOException e) {
                // the web server restarts once when HTTP_PORT is applied: try again
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
        String served = java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(seen[0].getEncoded()));
        assertEquals(printed, served);
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

        Result list = peer(List.of("shell", "peer:media-list --search pilot"));
        assertEquals(list.output, 0, list.exit);
        assertTrue(list.output, list.output.contains("pilot.mp4"));
    }

    /**
     * The key bin/peer status and scan log in with runs the peer:* commands and nothing else; bin/peer shell gives
     * the others (config:*, feature:* ...) to the second key, in the admin group.
     */
    @Test
    public void thePeerCliKeyRunsOnlyPeerCommandsAndShellRunsTheOthersWithTheAdminKey() throws Exception {
        String keys = Files.readString(home.resolve("etc/keys.properties"));
        assertTrue(keys, keys.lines().anyMatch(l -> l.startsWith("peer-cli = ") && l.endsWith(",_g_:peercli")));
        assertTrue(keys, keys.lines().anyMatch(l -> l.startsWith("peer-admin = ") && l.endsWith(",_g_:admingroup")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("etc/peer-admin.key"))));

        Result peerCommand = keyLogin("peer:status");
        assertEquals(peerCommand.output, 0, peerCommand.exit);
        assertTrue(peerCommand.output, peerCommand.output.contains("Peer id"));
        for (String other : List.of("config:list", "feature:list", "bundle:list")) {
            Result refused = keyLogin(other);
            assertTrue(other + ": " + refused.output, refused.output.contains("Insufficient credentials")
                    || refused.output.contains("Command not found"));
            assertTrue(other + ": " + refused.output, refused.exit != 0);
        }

        Result config = peer(List.of("shell", "config:list \"(service.pid=org.giggityflix.peer.scanner)\""));
        assertEquals(config.output, 0, config.exit);
        assertTrue(config.output, config.output.contains("org.giggityflix.peer.scanner"));
        Result moved = peer(List.of("shell", "peer:media list --search pilot"));
        assertEquals(moved.output, 1, moved.exit);
        assertTrue(moved.output, moved.output.contains("peer:media list is now peer:media-list --search pilot"));
    }

    /**
     * The distribution ships etc/org.giggityflix.peer.edge.cfg with every setting commented out at its default (from
     * the metatype); a variable set at start (EDGE_GRPC_ADDRESS, imported into ConfigAdmin by peer-core) still wins
     * and lands in that file, under its comments.
     */
    @Test
    public void anEnvironmentVariableWinsOverTheShippedCfgAndIsWrittenUnderItsComments() throws Exception {
        Path cfg = home.resolve("etc/org.giggityflix.peer.edge.cfg");
        String expected = "localhost:" + ports.nobody();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!Files.readString(cfg).lines().anyMatch(l -> l.matches("edgeAddress = \"?" + expected + "\"?"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        String text = Files.readString(cfg);
        assertTrue(text, text.lines().anyMatch(l -> l.matches("edgeAddress = \"?" + expected + "\"?")));
        assertTrue(text, text.startsWith("# Giggityflix Edge link (PID org.giggityflix.peer.edge)\n"));
        assertTrue(text, text.contains("\n#edgeAddress = localhost:50051\n"));
        Result shown = peer(List.of("shell", "config:property-get -p org.giggityflix.peer.edge edgeAddress"));
        assertEquals(shown.output, 0, shown.exit);
        assertTrue(shown.output, shown.output.contains(expected));
    }

    @Test
    public void aFailedCommandExitsWithStatusOneAndSaysWhy() throws Exception {
        Result unknownId = peer(List.of("shell", "peer:media-show 999999"));
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
        // A second peer: its own untarred copy, its own ports.
        Ports own = Ports.take(ports.all());
        Path other = untar("bin-peer-it-foreground", own);
        Path data = other.resolve("peer-data");
        Map<String, String> env = environment(data, own);
        // setsid: the peer's own process group, as a shell gives a foreground job. env --default-signal=INT: a
        // terminal's shell starts it with Ctrl-C's signal at its default, whatever this test JVM inherited (a build
        // started as a background job of a script has SIGINT ignored, and bash cannot trap an inherited ignore).
        ProcessBuilder builder = new ProcessBuilder("setsid", "env", "--default-signal=INT",
                other.resolve("bin/peer").toString(), "start",
                "--media-dir", media.toString()).directory(other.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("MEDIA_DIRS");
        Path output = other.resolve("foreground.out");
        builder.redirectOutput(output.toFile());
        Process foreground = builder.start();
        try {
            awaitStatus(other, data, own);
            assertTrue("the catalog is open while the peer runs", Files.exists(data.resolve("catalog.db-wal")));
            String flags = vmFlags(other);
            assertTrue("bin/setenv's default heap: " + flags, flags.contains("-XX:MaxHeapSize=" + (768L << 20)));

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
            // The Karaf JVM is bin/peer's child: killing only the script would leave it holding the ports.
            foreground.descendants().forEach(ProcessHandle::destroyForcibly);
            foreground.destroyForcibly();
        }
    }

    @Test
    public void aSecondStartIsRefusedWhileThePeerRuns() throws Exception {
        Result again = peer(List.of("start", "--background", "--media-dir", media.toString()));
        assertEquals(again.output, 1, again.exit);
        assertTrue(again.output, again.output.contains("a peer is already running"));
    }

    /**
     * A second installation started on the running peer's ports (a package over a tarball peer, or two tarballs) is
     * refused before it writes anything, naming the port and where it is set; the running peer is untouched.
     */
    @Test
    public void anotherInstallationOnTheRunningPeersPortsIsRefusedAndChangesNothing() throws Exception {
        Path other = untar("bin-peer-it-other", ports);
        Path otherData = other.resolve("peer-data");
        String usersBefore = Files.readString(other.resolve("etc/users.properties"));

        Result sameConsole = peer(other, otherData, ports, List.of("start", "--background"));
        assertEquals(sameConsole.output, 1, sameConsole.exit);
        assertTrue(sameConsole.output, sameConsole.output.contains("port " + ports.ssh() + " (the console's sshPort"));
        assertTrue(sameConsole.output, sameConsole.output.contains("nothing was started"));

        setProperty(other, "etc/org.apache.karaf.shell.cfg", "sshPort", ports.spare());
        Result sameWeb = peer(other, otherData, ports, List.of("start", "--background"));
        assertEquals(sameWeb.output, 1, sameWeb.exit);
        assertTrue(sameWeb.output, sameWeb.output.contains("port " + ports.http() + " (the web UI: HTTP_PORT"));

        assertFalse("no JVM was started", Files.exists(other.resolve("data/karaf.pid")));
        assertFalse("no DATA_DIR, password or key made", Files.exists(otherData));
        assertEquals(usersBefore, Files.readString(other.resolve("etc/users.properties")));
        assertFalse(Files.exists(other.resolve("etc/peer-cli.key")));
        Result status = peer(List.of("status"));
        assertEquals("the running peer still answers: " + status.output, 0, status.exit);
        deleteTree(other);
    }

    /**
     * {@code install-service} (as root, as the README says) creates the dedicated user, gives it only the folders the
     * peer writes, and writes a hardened unit from the distribution's template that {@code systemd-analyze verify}
     * accepts without a warning, with every path quoted (this copy's path has a space and a percent sign).
     */
    @Test
    public void installServiceRunsThePeerAsADedicatedUserInAHardenedUnit() throws Exception {
        Assume.assumeTrue("creating a system user needs root", "root".equals(System.getProperty("user.name")));
        Path copy = untar("bin peer it service 100%", ports);
        Path units = Files.createDirectories(copy.resolve("units"));
        Path data = copy.resolve("service data");
        String user = "gfxit" + ProcessHandle.current().pid();
        Map<String, String> env = Map.of("PEER_UNIT_DIR", units.toString());
        try {
            Result installed = run(copy, List.of(copy.resolve("bin/peer").toString(), "install-service", "--user", user,
                    "--data-dir", data.toString()), env, Duration.ofMinutes(1));
            assertEquals(installed.output, 0, installed.exit);
            assertTrue(installed.output, installed.output.contains("created the system user '" + user + "'"));

            Path unit = units.resolve("giggityflix-peer.service");
            String text = Files.readString(unit);
            assertTrue(text, text.contains("\nUser=" + user + "\n"));
            String home = copy.toString().replace("%", "%%");
            assertTrue(text, text.contains("ExecStart=\"" + home + "/bin/peer\" start"));
            assertTrue(text, text.contains("Environment=\"DATA_DIR=" + data.toString().replace("%", "%%") + "\""));
            assertTrue(text, text.contains("ReadWritePaths=\"" + data.toString().replace("%", "%%") + "\" \"" + home
                    + "/data\" \"" + home + "/etc\""));
            for (String hardening : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only",
                    "PrivateTmp=yes", "\nCapabilityBoundingSet=\n", "SystemCallFilter=@system-service",
                    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK")) {
                assertTrue(hardening + " in " + text, text.contains(hardening));
            }
            assertFalse("the JVM's JIT needs W^X-violating memory",
                    text.lines().anyMatch(l -> l.startsWith("MemoryDenyWriteExecute=")));

            Result verify = run(units, List.of("systemd-analyze", "verify", unit.toString()), Map.of(),
                    Duration.ofMinutes(1));
            assertEquals(verify.output, 0, verify.exit);
            assertFalse("systemd-analyze has no complaint: " + verify.output, verify.output.contains(unit.toString()));

            assertEquals(user, Files.getOwner(data).getName());
            assertEquals(user, Files.getOwner(copy.resolve("etc/users.properties")).getName());
            assertEquals("the code stays the installer's", "root", Files.getOwner(copy.resolve("bin/peer")).getName());
            Result shell = run(copy, List.of("getent", "passwd", user), Map.of(), Duration.ofSeconds(30));
            assertTrue(shell.output, shell.output.trim().endsWith(":/usr/sbin/nologin"));

            // Run again without options (as after unpacking a newer tarball): the service keeps its user and
            // DATA_DIR instead of falling back to the defaults, which would start it on an empty catalog.
            Result again = run(copy, List.of(copy.resolve("bin/peer").toString(), "install-service"), env,
                    Duration.ofMinutes(1));
            assertEquals(again.output, 0, again.exit);
            assertTrue(again.output, again.output.contains("keeping the service's user '" + user + "'"));
            String rewritten = Files.readString(unit);
            assertTrue(rewritten, rewritten.contains("\nUser=" + user + "\n"));
            assertTrue(rewritten, rewritten.contains("Environment=\"DATA_DIR=" + data.toString().replace("%", "%%")
                    + "\""));
        } finally {
            run(copy, List.of("userdel", user), Map.of(), Duration.ofSeconds(30));
        }
    }

    @Test
    public void installServiceRefusesRootUnlessTheOwnerSaysTheyAcceptTheRisk() throws Exception {
        Path units = Files.createDirectories(home.resolve("units-root"));
        Map<String, String> env = Map.of("PEER_UNIT_DIR", units.toString(), "DATA_DIR", dataDir.toString());
        Path unit = units.resolve("giggityflix-peer.service");

        Result refused = run(home, List.of(home.resolve("bin/peer").toString(), "install-service", "--user", "root"),
                env, Duration.ofMinutes(1));
        assertEquals(refused.output, 1, refused.exit);
        assertTrue(refused.output, refused.output.contains("refusing to run the peer as root"));
        assertTrue(refused.output, refused.output.contains("--insecure-run-as-root"));
        assertFalse(Files.exists(unit));

        Assume.assumeTrue("writing the unit needs root", "root".equals(System.getProperty("user.name")));
        Result forced = run(home, List.of(home.resolve("bin/peer").toString(), "install-service", "--user", "root",
                "--insecure-run-as-root"), env, Duration.ofMinutes(1));
        assertEquals(forced.output, 0, forced.exit);
        assertTrue(forced.output, forced.output.contains("will run as root"));
        assertTrue(Files.readString(unit).contains("\nUser=root\n"));
    }

    /** Untars the distribution into {@code target/<folder>}, with the given console ports. */
    private static Path untar(String folder, Ports ports) throws Exception {
        Path work = Paths.get(System.getProperty("peer.itests.target", "target"), folder);
        deleteTree(work);
        Files.createDirectories(work);
        Path tarball = Paths.get(URI.create(distributionUrl()));
        Result untar = run(work, List.of("tar", "xzf", tarball.toString(), "--strip-components=1"), Map.of(),
                Duration.ofMinutes(2));
        assertEquals(untar.output, 0, untar.exit);
        setProperty(work, "etc/org.apache.karaf.shell.cfg", "sshPort", ports.ssh());
        setProperty(work, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort", ports.rmiRegistry());
        setProperty(work, "etc/org.apache.karaf.management.cfg", "rmiServerPort", ports.rmiServer());
        return work;
    }

    private static void awaitStatus() throws Exception {
        awaitStatus(home, dataDir, ports);
    }

    private static void awaitStatus(Path peerHome, Path data, Ports peerPorts) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Result last = null;
        while (Instant.now().isBefore(deadline)) {
            last = peer(peerHome, data, peerPorts, List.of("status"));
            if (last.exit == 0 && last.output.contains("Peer id")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("bin/peer status did not answer within " + START_TIMEOUT + "; last: "
                + (last == null ? "none" : last.output) + "\nkaraf.log:\n" + logTail(peerHome));
    }

    /** The flags the running peer's JVM got, as {@code jcmd <pid> VM.flags} prints them. */
    private static String vmFlags(Path peerHome) throws Exception {
        String pid = Files.readString(peerHome.resolve("data/karaf.pid")).trim(); // karaf.pid.file, config.properties
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        Result flags = run(peerHome, List.of(jcmd.toString(), pid, "VM.flags"), Map.of(), Duration.ofMinutes(1));
        assertEquals(flags.output, 0, flags.exit);
        return flags.output;
    }

    /** One console command over SSH as admin with a password (the Karaf client, batch mode). */
    private static Result passwordLogin(String password) throws Exception {
        Path commands = Files.writeString(home.resolve("password-login.txt"), "echo signed-in-with-a-password\n");
        return run(home, List.of("sh", "-c", "\"$0\" -h 127.0.0.1 -a " + ports.ssh() + " -u admin -p \"$1\" -b < \"$2\"",
                home.resolve("bin/client").toString(), password, commands.toString()), Map.of(), Duration.ofMinutes(2));
    }

    /** One console command over SSH as bin/peer's peer-cli user with its key (the Karaf client, batch mode). */
    private static Result keyLogin(String command) throws Exception {
        Path commands = Files.writeString(home.resolve("key-login.txt"), command + "\n");
        String client = "\"$0\" -h 127.0.0.1 -a " + ports.ssh() + " -u peer-cli -k \"$1\" -b < \"$2\"";
        return run(home, List.of("sh", "-c", client, home.resolve("bin/client").toString(),
                home.resolve("etc/peer-cli.key").toString(), commands.toString()), Map.of(), Duration.ofMinutes(2));
    }

    private static boolean isRunning() throws Exception {
        return run(home, List.of(home.resolve("bin/status").toString()), Map.of(), Duration.ofSeconds(30)).exit == 0;
    }

    private static Result peer(List<String> args) throws Exception {
        return peer(home, dataDir, ports, args);
    }

    private static Result peer(Path peerHome, Path data, Ports peerPorts, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(peerHome.resolve("bin/peer").toString());
        command.addAll(args);
        return run(peerHome, command, environment(data, peerPorts), Duration.ofMinutes(2));
    }

    private static Map<String, String> environment(Path data, Ports peerPorts) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.toString());
        env.put("HTTP_PORT", String.valueOf(peerPorts.http()));
        env.put("HTTPS_PORT", String.valueOf(peerPorts.https()));
        env.put("UPNP_ENABLED", "false");
        env.put("EDGE_GRPC_ADDRESS", "localhost:" + peerPorts.nobody());
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

    /**
     * One peer's ports, free when taken: its console (SSH, RMI registry and server), web (HTTP, HTTPS), an Edge
     * address nothing listens on, and a spare one.
     */
    private record Ports(int ssh, int rmiRegistry, int rmiServer, int http, int https, int nobody, int spare) {

        static Ports take(List<Integer> avoid) {
            List<Integer> p = FreePorts.take(7, avoid);
            return new Ports(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), p.get(6));
        }

        List<Integer> all() {
            return List.of(ssh, rmiRegistry, rmiServer, http, https, nobody, spare);
        }
    }
}
