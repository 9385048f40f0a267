package org.giggityflix.peer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DebPackageIT} is responsible for proving the package works the way a home-server owner uses it: installed
 * with {@code dpkg -i} (lintian finds no error), started as the package's user with its unit's command line (systemd
 * itself may be absent), asked for its status, made to scan a folder, stopped, upgraded to a rebuilt package with a
 * higher version with the catalog, settings, peer id and password kept, removed with its data kept, and purged
 * with nothing left.
 *
 * <p>Root and dpkg only (CI); skipped elsewhere, and skipped where the package is already installed (it would
 * replace a real installation). The peer gets free ports outside the itests' 18xxx range, so a developer's peer and
 * a pax-exam run are not disturbed. Whatever happens, the peer is stopped and the package purged afterwards.
 */
class DebPackageIT {

    private static final String PACKAGE = "giggityflix-peer";
    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(4);

    private final Path deb = Path.of(System.getProperty("deb.file", "target/none.deb"));
    private final String user = System.getProperty("deb.user", "giggityflix-peer");
    private final Path home = Path.of(System.getProperty("deb.home", "/usr/lib/giggityflix-peer"));
    private final Path etc = Path.of(System.getProperty("deb.etc", "/etc/giggityflix-peer"));
    private final Path data = Path.of(System.getProperty("deb.data", "/var/lib/giggityflix-peer"));
    private final Path logs = Path.of(System.getProperty("deb.log", "/var/log/giggityflix-peer"));
    private final Path work = Path.of("target/deb-it").toAbsolutePath();

    private Process peer;
    private Path media;
    private FileChannel lockFile;
    private Process lintian;

    @BeforeEach
    void onlyAsRootWithDpkgAndNoRealInstall() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installs a package: root only");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg (Debian)");
        // Two builds on one machine take turns: the package and its user are machine-wide.
        lockFile = FileChannel.open(Path.of("/tmp/giggityflix-deb-it.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lockFile.lock();
        assumeTrue(!installed(), PACKAGE + " is installed on this machine (or its data is left): not touching a"
                + " real installation");
        assertTrue(Files.isRegularFile(deb), "the package was built: " + deb);
        Files.createDirectories(work);
        // A media folder the package's user can read (JUnit's temporary folders are root's only).
        media = Files.createTempDirectory(Path.of("/tmp"), "giggityflix-deb-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void leaveTheMachineClean() throws Exception {
        try {
            stopPeer();
            if (lintian != null) {
                lintian.destroyForcibly();
            }
            if (media != null) {
                if (installed()) {
                    run(List.of("dpkg", "--purge", PACKAGE));
                }
                run(List.of("rm", "-rf", media.toString()));
            }
        } finally {
            if (lockFile != null) {
                lockFile.close();
            }
        }
    }

    @Test
    void installRunScanUpgradeRemovePurge() throws Exception {
        // lintian takes about a minute on the 110 MB package: it runs beside the rest (as root: only a warning).
        Path lintianOut = work.resolve("lintian.txt");
        lintian = new ProcessBuilder("lintian", "--fail-on", "error", deb.toString())
                .redirectErrorStream(true).redirectOutput(lintianOut.toFile()).start();

        Result install = run(List.of("dpkg", "-i", "--force-confold", deb.toString()));
        assertEquals(0, install.status(), install.out());
        assertTrue(install.out().contains(data.resolve("admin-password").toString()),
                "install says where the first password is:\n" + install.out());
        assertTrue(run(List.of("getent", "passwd", user)).status() == 0, "the system user exists");
        assertEquals(user, Files.getOwner(data).getName());
        assertEquals(user, Files.getOwner(data.resolve("admin-password")).getName());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("admin-password"))));
        String password = Files.readString(data.resolve("admin-password")).trim();
        assertTrue(password.length() >= 16, "a long random password");
        String users = Files.readString(etc.resolve("users.properties"));
        assertTrue(users.contains("admin = {CRYPT}") && !users.contains(password), "stored hashed only");
        assertEquals(etc, home.resolve("etc").toRealPath());
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) { // .ci/run installs systemd (not running)
            Result verify = run(List.of("systemd-analyze", "verify", "giggityflix-peer.service"));
            assertEquals(0, verify.status(), "systemd-analyze verify:\n" + verify.out());
        }
        assertTrue(Files.readString(etc.resolve("peer.env")).contains("#MEDIA_DIRS="));

        Ports ports = freePorts();
        configure(ports);
        Files.write(media.resolve("holiday.mp4"), new byte[64 * 1024]);
        Files.write(media.resolve("sub-folder.mkv"), new byte[32 * 1024]);

        // Another program already on the package's web port (a tarball peer started by hand, say): the service's
        // start is refused at once, naming the port, and nothing runs (BinPeerIT does it with a real second peer).
        try (ServerSocket taken = new ServerSocket(ports.http())) {
            startPeer("ports-taken");
            assertTrue(peer.waitFor(COMMAND_DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    "refused at once");
            assertEquals(1, peer.exitValue());
            String refused = Files.readString(work.resolve("peer-ports-taken.log"));
            assertTrue(refused.contains("port " + ports.http() + " (the web UI"), refused);
            assertFalse(Files.exists(data.resolve("karaf/karaf.pid")), "no Karaf started");
            peer = null;
        }

        startPeer("first");
        String status = awaitStatus();
        assertTrue(status.contains("DATA_DIR:         " + data), status);
        String peerId = value(status, "Peer id:");
        Result scan = peerCommand("scan");
        assertEquals(0, scan.status(), scan.out());
        status = awaitStatus();
        assertTrue(status.contains("Files:            2 present"), status);
        assertTrue(Files.isRegularFile(logs.resolve("karaf.log")), "the log is under " + logs);

        // A backup of the running peer, then a third file cataloged after it...
        Result backup = peerCommand("shell", "peer:backup");
        assertEquals(0, backup.status(), backup.out());
        String archive = value(backup.out(), "Backup written:");
        assertTrue(archive.startsWith(data.resolve("backups").toString()), archive);
        Path extra = Files.write(media.resolve("extra.mp4"), new byte[16 * 1024]);
        assertEquals(0, peerCommand("scan").status());
        assertTrue(awaitStatus().contains("Files:            3 present"));
        stopPeerCleanly();
        // ... and the backup restored with the peer stopped: the catalog is the backup's again (2 rows), so once
        // the third file is gone too, a scan finds nothing deleted.
        Path junk = Files.writeString(media.resolve("not-a-backup.zip"), "junk");
        Result refused = peerCommand("restore", "--data-dir", data.toString(), junk.toString());
        assertEquals(1, refused.status(), refused.out());
        assertTrue(refused.out().contains("nothing was changed"), refused.out());
        Result restored = peerCommand("restore", "--data-dir", data.toString(), archive);
        assertEquals(0, restored.status(), restored.out());
        assertTrue(restored.out().contains("restored peer '" + peerId + "'"), restored.out());
        Files.delete(extra);

        Path upgrade = rebuiltWithHigherVersion();
        Result upgraded = run(List.of("dpkg", "-i", "--force-confold", upgrade.toString()));
        assertEquals(0, upgraded.status(), upgraded.out());
        assertTrue(run(List.of("dpkg-query", "-W", "-f=${Version}", PACKAGE)).out().endsWith("+upgrade1"));
        assertEquals(users, Files.readString(etc.resolve("users.properties")), "the password is kept");
        assertFalse(upgraded.out().contains("admin-password"), "no new password on upgrade");

        startPeer("upgraded");
        status = awaitStatus();
        assertEquals(peerId, value(status, "Peer id:"), "the same peer");
        assertEquals(0, peerCommand("scan").status());
        status = awaitStatus();
        assertTrue(status.contains("Files:            2 present: 0 pending, 0 processing, 0 ready, 2 error, 0 deleted"),
                "the restored catalog is intact after the upgrade:\n" + status);
        stopPeerCleanly();

        Result remove = run(List.of("dpkg", "-r", PACKAGE));
        assertEquals(0, remove.status(), remove.out());
        assertFalse(Files.exists(home.resolve("bin/peer")), "the program is gone");
        assertTrue(Files.isRegularFile(data.resolve("catalog.db")), "remove keeps the catalog");
        assertTrue(Files.isRegularFile(etc.resolve("users.properties")), "remove keeps the settings");

        Result purge = run(List.of("dpkg", "--purge", PACKAGE));
        assertEquals(0, purge.status(), purge.out());
        for (Path gone : List.of(home, etc, data, logs, Path.of("/lib/systemd/system/giggityflix-peer.service"))) {
            assertFalse(Files.exists(gone), "purge leaves nothing: " + gone);
        }
        assertEquals(2, run(List.of("getent", "passwd", user)).status(), "purge removes the user");
        assertEquals(2, run(List.of("getent", "group", user)).status(), "purge removes the group");

        assertTrue(lintian.waitFor(COMMAND_DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, lintian.exitValue(), "lintian reports errors:\n" + Files.readString(lintianOut));
    }

    /** Settings a test peer needs: free ports, this media folder, no router, no Edge dialled on the usual port. */
    private void configure(Ports ports) throws IOException {
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ports.ssh()));
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(ports.rmiRegistry()));
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(ports.rmiServer()));
        String env = Files.readString(etc.resolve("peer.env"))
                + "MEDIA_DIRS=" + media + "\n"
                + "HTTP_PORT=" + ports.http() + "\n"
                + "ENABLE_UPNP=false\n"
                + "EDGE_GRPC_ADDRESS=127.0.0.1:" + ports.edge() + "\n";
        Files.writeString(etc.resolve("peer.env"), env);
    }

    private static void replace(Path cfg, String key, String value) throws IOException {
        String text = Files.readString(cfg);
        String changed = text.replaceAll("(?m)^" + Pattern.quote(key) + "\\s*=.*$",
                Matcher.quoteReplacement(key + " = " + value));
        assertTrue(!changed.equals(text) || text.contains(key + " = " + value), key + " in " + cfg);
        Files.writeString(cfg, changed);
    }

    /** Starts the peer the way the unit does: its User, Environment, EnvironmentFile and ExecStart. */
    private void startPeer(String name) throws IOException {
        Map<String, String> unit = unit();
        assertEquals(user, unit.get("User"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        Matcher assignment = Pattern.compile("\"?([A-Z_]+)=([^\"]*)\"?").matcher(unit.getOrDefault("Environment", ""));
        while (assignment.find()) {
            env.put(assignment.group(1), assignment.group(2));
        }
        for (String file : unit.get("EnvironmentFile").split("\n")) {
            Path path = Path.of(file.replaceFirst("^-", ""));
            if (Files.isRegularFile(path)) {
                env.putAll(environmentFile(path));
            }
        }
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", "env"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        for (String word : unit.get("ExecStart").split(" ")) {
            command.add(word.replace("\"", ""));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(unit.get("WorkingDirectory")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("peer-" + name + ".log").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", env.get("PATH"));
        peer = builder.start();
    }

    /** The installed unit with its drop-ins ({@code giggityflix-peer.service.d/*.conf}); repeated keys joined. */
    private Map<String, String> unit() throws IOException {
        Path unitFile = Path.of("/lib/systemd/system/giggityflix-peer.service");
        List<Path> files = new ArrayList<>(List.of(unitFile));
        Path dropIns = Path.of(unitFile + ".d");
        if (Files.isDirectory(dropIns)) {
            try (var confs = Files.list(dropIns)) {
                confs.filter(f -> f.toString().endsWith(".conf")).sorted().forEach(files::add);
            }
        }
        Map<String, String> unit = new LinkedHashMap<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    unit.merge(line.substring(0, eq).trim(), line.substring(eq + 1).trim(), (a, b) -> a + "\n" + b);
                }
            }
        }
        return unit;
    }

    private static Map<String, String> environmentFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                env.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return env;
    }

    private String awaitStatus() throws Exception {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        Result last = null;
        while (Instant.now().isBefore(deadline)) {
            assertTrue(peer.isAlive(), "the peer exited: see " + work);
            last = peerCommand("status");
            if (last.status() == 0 && last.out().contains("Files:")) {
                return last.out();
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("bin/peer status did not answer within " + START_DEADLINE + ": " + last);
    }

    private Result peerCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", home.resolve("bin/peer").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private void stopPeerCleanly() throws Exception {
        Result stop = peerCommand("stop");
        assertEquals(0, stop.status(), stop.out());
        assertTrue(peer.waitFor(COMMAND_DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                "the peer stops");
        assertFalse(Files.exists(data.resolve("catalog.db-wal")), "the catalog was closed");
        peer = null;
    }

    private void stopPeer() throws InterruptedException {
        if (peer != null && peer.isAlive()) {
            peer.descendants().forEach(ProcessHandle::destroy);
            peer.destroy();
            if (!peer.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                peer.descendants().forEach(ProcessHandle::destroyForcibly);
                peer.destroyForcibly();
            }
        }
        peer = null;
    }

    /** The same package rebuilt with a higher version (dpkg-deb, as a maintainer would after a change). */
    private Path rebuiltWithHigherVersion() throws Exception {
        Path tree = work.resolve("upgrade-tree");
        run(List.of("rm", "-rf", tree.toString()));
        assertEquals(0, run(List.of("dpkg-deb", "-R", deb.toString(), tree.toString())).status());
        Path control = tree.resolve("DEBIAN/control");
        String text = Files.readString(control);
        Files.writeString(control, text.replaceFirst("(?m)^Version: (.*)$", "Version: $1+upgrade1"));
        Path upgrade = work.resolve("upgrade.deb");
        Result build = run(List.of("dpkg-deb", "-Zgzip", "-z1", "-b", tree.toString(), upgrade.toString()));
        assertEquals(0, build.status(), build.out());
        run(List.of("rm", "-rf", tree.toString()));
        return upgrade;
    }

    private boolean installed() throws Exception {
        String state = run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE)).out();
        return state.contains(" installed") || state.contains("config-files") || state.contains("half")
                || Files.exists(data) || Files.exists(etc);
    }

    private static String value(String status, String label) {
        return status.lines().filter(l -> l.startsWith(label)).findFirst()
                .map(l -> l.substring(label.length()).trim()).orElseThrow(() -> new AssertionError(status));
    }

    /** Free ports outside the itests' 18000-18999, each different. */
    private record Ports(int ssh, int http, int rmiRegistry, int rmiServer, int edge) {
    }

    private static Ports freePorts() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        while (ports.size() < 5) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port < 18000 || port > 18999) {
                    ports.add(port);
                }
            }
        }
        Integer[] p = ports.toArray(new Integer[0]);
        return new Ports(p[0], p[1], p[2], p[3], p[4]);
    }

    private record Result(int status, String out) {
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), out);
    }
}
