package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code RouterNamespace} is responsible for a real home router made for one test run: a network namespace holding
 * miniupnpd (Debian's nftables build) between a LAN veth, whose other end stays in this namespace for the test's
 * client, and a WAN veth pair that never leaves the router namespace. Nothing it creates reaches any other network;
 * {@link #close()} removes it all (deleting the namespace deletes both veth pairs).
 */
final class RouterNamespace implements AutoCloseable {

    static final String PREFIX = "gfxupnp-";
    /** miniupnpd's HTTP port, inside the router namespace (58000-58999 is this module's range). */
    static final int HTTP_PORT = 58190;
    /** The router's WAN address: lives on a veth pair inside the router namespace only, nothing routes to it. */
    static final String EXTERNAL_ADDRESS = "11.58.0.7";

    final String namespace;
    final String hostVeth;
    final String routerVeth;
    final String hostAddress;
    final String routerAddress;
    private final Path dir;
    private Process daemon;

    private RouterNamespace(String namespace, String hostVeth, String routerVeth, int octet, Path dir) {
        this.namespace = namespace;
        this.hostVeth = hostVeth;
        this.routerVeth = routerVeth;
        this.hostAddress = "192.168." + octet + ".2";
        this.routerAddress = "192.168." + octet + ".1";
        this.dir = dir;
    }

    static RouterNamespace create(Path dir) throws IOException, InterruptedException {
        removeStale();
        long pid = ProcessHandle.current().pid();
        String routes = run("ip", "-4", "route");
        int octet = 100 + (int) (pid % 100);
        while (routes.contains("192.168." + octet + ".")) {
            octet = octet == 199 ? 100 : octet + 1;
        }
        RouterNamespace router = new RouterNamespace(PREFIX + pid, "gfu" + pid + "h", "gfu" + pid + "r", octet, dir);
        router.build();
        return router;
    }

    private void build() throws IOException, InterruptedException {
        run("ip", "netns", "add", namespace);
        try {
            run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", routerVeth);
            run("ip", "link", "set", routerVeth, "netns", namespace);
            run("ip", "addr", "add", hostAddress + "/24", "dev", hostVeth);
            run("ip", "link", "set", hostVeth, "up");
            inside("ip", "link", "set", "lo", "up");
            inside("ip", "addr", "add", routerAddress + "/24", "dev", routerVeth);
            inside("ip", "link", "set", routerVeth, "up");
            inside("ip", "link", "add", "wan0", "type", "veth", "peer", "name", "wan1");
            inside("ip", "addr", "add", EXTERNAL_ADDRESS + "/24", "dev", "wan0");
            inside("ip", "link", "set", "wan0", "up");
            inside("ip", "link", "set", "wan1", "up");
            Path rules = dir.resolve("router.nft");
            Files.writeString(rules, """
                    table inet filter {
                      chain forward { type filter hook forward priority 0; policy drop; jump miniupnpd; }
                      chain miniupnpd { }
                      chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
                      chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
                      chain prerouting_miniupnpd { }
                      chain postrouting_miniupnpd { }
                    }
                    """);
            inside("nft", "-f", rules.toString());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts miniupnpd with a fresh lease file; port 58081 is denied by its permission rules. */
    void startDaemon() throws IOException, InterruptedException {
        Files.deleteIfExists(leaseFile());
        Path conf = dir.resolve("miniupnpd.conf");
        Files.writeString(conf, String.join("\n",
                "ext_ifname=wan0",
                "listening_ip=" + routerVeth,
                "http_port=" + HTTP_PORT,
                "enable_natpmp=no",
                "enable_upnp=yes",
                "secure_mode=yes",
                "min_lifetime=2",
                "max_lifetime=86400",
                "lease_file=" + leaseFile(),
                "uuid=6b3a9c1e-58e2-4d5e-9a7b-0c1d2e3f4a5b",
                "deny 58081 0.0.0.0/0 58081",
                "allow 1024-65535 " + hostAddress.substring(0, hostAddress.lastIndexOf('.')) + ".0/24 1024-65535",
                "deny 0-65535 0.0.0.0/0 0-65535", ""));
        Path log = dir.resolve("miniupnpd.log");
        daemon = new ProcessBuilder("ip", "netns", "exec", namespace, "miniupnpd", "-d", "-4", "-f", conf.toString(),
                "-P", dir.resolve("miniupnpd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(routerAddress, HTTP_PORT), 500);
                return;
            } catch (IOException notYet) {
                if (!daemon.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("miniupnpd did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            daemon = null;
        }
    }

    /** The router's NAT table: one {@code dnat} line per mapping. */
    String natRules() throws IOException, InterruptedException {
        return inside("nft", "list", "chain", "inet", "filter", "prerouting_miniupnpd");
    }

    /** Empties the router's NAT and filter chains (what a reboot of the router does). */
    void flushRules() throws IOException, InterruptedException {
        inside("nft", "flush", "chain", "inet", "filter", "prerouting_miniupnpd");
        inside("nft", "flush", "chain", "inet", "filter", "postrouting_miniupnpd");
        inside("nft", "flush", "chain", "inet", "filter", "miniupnpd");
    }

    Path leaseFile() {
        return dir.resolve("leases");
    }

    /** miniupnpd's lease line for {@code proto:port} ("TCP:58080:192.168.1.2:58080:<expiry>:<label>"), or null. */
    String lease(String protocol, int port) throws IOException {
        if (!Files.exists(leaseFile())) {
            return null;
        }
        return Files.readAllLines(leaseFile()).stream().filter(l -> l.startsWith(protocol + ":" + port + ":"))
                .findFirst().orElse(null);
    }

    String daemonLog() throws IOException {
        Path log = dir.resolve("miniupnpd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String inside(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
        }
        return text;
    }

    /** Namespaces left by a test run that was killed (its pid is gone). */
    private static void removeStale() throws IOException, InterruptedException {
        for (String line : run("ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0].trim();
            if (name.startsWith(PREFIX)) {
                try {
                    long pid = Long.parseLong(name.substring(PREFIX.length()));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        run("ip", "netns", "del", name);
                    }
                } catch (NumberFormatException ignored) {
                    // Not ours.
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            stopDaemon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            run("ip", "netns", "del", namespace);
        } catch (IOException | InterruptedException e) {
            // Already gone or never made.
        }
        try {
            run("ip", "link", "del", hostVeth);
        } catch (IOException | InterruptedException e) {
            // Normally gone with the namespace.
        }
    }
}
