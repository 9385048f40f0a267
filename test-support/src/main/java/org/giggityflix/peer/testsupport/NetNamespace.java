package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code NetNamespace} is responsible for a viewer's network as a test makes it: a Linux network namespace joined to
 * the host (where the peer runs) by a veth pair with a /30 of the documentation range 203.0.113.0/24, its link
 * shaped with {@code tbf} (changeable while a stream runs), taken down and up again (an outage), and removed on
 * {@link #close()}. Programs run inside it through {@link #command(String...)} ({@code ip netns exec}).
 *
 * <p>Names are unique per process ({@code gfxnl-<pid>-<n>}), so parallel builds never share one; {@link #create()}
 * first deletes those left by a process that is gone (a killed test run). Needs root and {@code ip}/{@code tc}
 * (iproute2); {@link #unavailableReason()} says why not otherwise. The kernel of the build machines has {@code tbf}
 * but not {@code netem}: delay, jitter and loss come from {@link ImpairmentRelay}.
 */
public final class NetNamespace implements AutoCloseable {

    private static final String PREFIX = "gfxnl-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-(\\d+)\\b");

    private final String name;
    /** The namespace this one hangs off, or null for the host. */
    private final NetNamespace outer;
    private final String hostVeth;
    private final String insideVeth;
    private final String hostAddress;
    private final String insideAddress;
    private volatile boolean closed;

    private NetNamespace(NetNamespace outer, String name, String hostVeth, String insideVeth, String hostAddress,
                         String insideAddress) {
        this.outer = outer;
        this.name = name;
        this.hostVeth = hostVeth;
        this.insideVeth = insideVeth;
        this.hostAddress = hostAddress;
        this.insideAddress = insideAddress;
    }

    /** Why namespaces cannot be made here, or null when they can (root, {@code ip} and {@code tc} installed). */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (CI runs as root)";
        }
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/tc")) {
            if (!Files.isExecutable(Path.of(tool)) && !Files.isExecutable(Path.of(tool.replace("/usr", "")))) {
                return tool + " is missing (Debian iproute2)";
            }
        }
        return null;
    }

    /** True when the build runs under CI ({@code CI=true}), where a test that needs a namespace must not skip. */
    public static boolean underCi() {
        return Tools.underCi();
    }

    /**
     * A new namespace with its veth pair up, the host end {@link #hostAddress()}, the inside end
     * {@link #insideAddress()}, and {@code lo} up inside. Stale namespaces of dead processes are swept first.
     */
    public static NetNamespace create() throws IOException {
        sweepStale();
        return make(null);
    }

    /**
     * A new namespace that reaches the rest only through this one: its link's far end is in this namespace, and
     * nothing is forwarded until {@link #forwardTcp(int...)} says what may pass (a viewer behind a TURN server's
     * network, with no direct path to the peer). The host gets a route to it through this namespace.
     */
    public NetNamespace createBehind() throws IOException {
        NetNamespace behind = make(this);
        try {
            Commands.check("ip", "route", "replace", behind.insideAddress + "/32", "via", insideAddress);
            Commands.check("ip", "netns", "exec", behind.name, "ip", "route", "add", "default", "via",
                    behind.hostAddress);
            return behind;
        } catch (IOException | RuntimeException e) {
            behind.close();
            throw e;
        }
    }

    private static NetNamespace make(NetNamespace outer) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 20; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(1, 63); // a /30 of 203.0.113.0/24: .4n+1 host, .4n+2 inside
            String name = PREFIX + pid + "-" + n;
            String tag = Long.toString(pid % 10_000_000) + "x" + n;
            String host = "203.0.113." + (4 * n + 1);
            String inside = "203.0.113." + (4 * n + 2);
            if (Commands.run("ip", "netns", "add", name).exit() != 0) {
                continue; // taken, e.g. by this process's other namespace with the same slot: not ours to delete
            }
            if (inUse(host) || inUse(inside)) {
                Commands.run("ip", "netns", "del", name);
                continue;
            }
            NetNamespace ns = new NetNamespace(outer, name, "gh" + tag, "gi" + tag, host, inside);
            try {
                ns.setUp();
                return ns;
            } catch (IOException | RuntimeException e) {
                ns.close();
                throw e;
            }
        }
        throw new IOException("no free namespace slot in 203.0.113.0/24 after 20 tries");
    }

    /**
     * Turns this namespace into a router that passes only TCP to or from {@code ports} (nftables): UDP, and so any
     * direct media path through it, stays blocked.
     */
    public void forwardTcp(int... ports) throws IOException {
        StringBuilder set = new StringBuilder();
        for (int port : ports) {
            set.append(set.length() == 0 ? "" : ", ").append(port);
        }
        Path rules = Files.createTempFile("gfxnl", ".nft");
        try {
            Files.writeString(rules, "table inet gfxnl {\n chain forward {\n  type filter hook forward priority 0;"
                    + " policy drop;\n  tcp dport { " + set + " } accept\n  tcp sport { " + set + " } accept\n }\n}\n");
            Commands.check("ip", "netns", "exec", name, "nft", "-f", rules.toString());
        } finally {
            Files.deleteIfExists(rules);
        }
        Commands.check("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    private static boolean inUse(String address) throws IOException {
        return Commands.run("ip", "-o", "addr", "show", "to", address).out().contains(address)
                || !Commands.run("ip", "route", "show", address).out().isBlank();
    }

    private void setUp() throws IOException {
        Commands.check(outerSide("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", insideVeth));
        Commands.check(outerSide("ip", "link", "set", insideVeth, "netns", name));
        Commands.check(outerSide("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth));
        Commands.check(outerSide("ip", "link", "set", hostVeth, "up"));
        Commands.check("ip", "netns", "exec", name, "ip", "addr", "add", insideAddress + "/30", "dev", insideVeth);
        Commands.check("ip", "netns", "exec", name, "ip", "link", "set", insideVeth, "up");
        Commands.check("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
    }

    /** {@code args} run where this namespace's link starts: the host, or the namespace it hangs off. */
    private String[] outerSide(String... args) {
        return outer == null ? args : outer.command(args).toArray(String[]::new);
    }

    /** Deletes every namespace this class made in a process that no longer runs. */
    public static void sweepStale() throws IOException {
        for (String line : Commands.run("ip", "netns", "list").out().split("\n")) {
            Matcher m = OURS.matcher(line.trim());
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                String stale = line.trim().split("\\s+")[0];
                killInside(stale);
                Commands.run("ip", "netns", "del", stale);
            }
        }
    }

    public String name() {
        return name;
    }

    /** The near end of the link (on the host, or in the namespace this one is behind): the way out. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The host's address on the way into this namespace (where the test itself talks from). */
    public String controllerAddress() {
        return outer == null ? hostAddress : outer.controllerAddress();
    }

    /** The viewer's address inside. */
    public String insideAddress() {
        return insideAddress;
    }

    /** {@code ip netns exec NAME} followed by {@code args}: a program started inside the namespace. */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Caps the link at {@code kbit} kbit/s both ways with {@code tbf} (100 kB burst: veth hands over GSO
     * super-packets, and a smaller burst lets nothing through; 300 ms queue), replacing any cap before.
     */
    public void shape(int kbit) throws IOException {
        String rate = kbit + "kbit";
        Commands.check(outerSide("tc", "qdisc", "replace", "dev", hostVeth, "root", "tbf", "rate", rate, "burst",
                "100kb", "latency", "300ms"));
        Commands.check("ip", "netns", "exec", name, "tc", "qdisc", "replace", "dev", insideVeth, "root", "tbf", "rate",
                rate, "burst", "100kb", "latency", "300ms");
    }

    /** Removes the cap: the link is as fast as the machine. */
    public void unshape() throws IOException {
        Commands.run(outerSide("tc", "qdisc", "del", "dev", hostVeth, "root"));
        Commands.run("ip", "netns", "exec", name, "tc", "qdisc", "del", "dev", insideVeth, "root");
    }

    /** Takes the link down (nothing passes either way) or brings it back up, addresses kept. */
    public void linkUp(boolean up) throws IOException {
        String state = up ? "up" : "down";
        Commands.check(outerSide("ip", "link", "set", hostVeth, state));
        Commands.check("ip", "netns", "exec", name, "ip", "link", "set", insideVeth, state);
        if (up) {
            // The host end loses its address routes while down; they come back with the link.
            Commands.run(outerSide("ip", "addr", "replace", hostAddress + "/30", "dev", hostVeth));
        }
    }

    /** Ends whatever still runs inside, then deletes the namespace (and with it the veth pair). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            killInside(name);
            Commands.run("ip", "netns", "del", name);
            if (outer == null) {
                Commands.run("ip", "link", "del", hostVeth);
            } else {
                Commands.run("ip", "route", "del", insideAddress + "/32");
            }
        } catch (IOException e) {
            // the sweep of the next run removes it
        }
    }

    private static void killInside(String namespace) throws IOException {
        for (String pid : Commands.run("ip", "netns", "pids", namespace).out().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Override
    public String toString() {
        return name + " (" + insideAddress + " inside, " + hostAddress + " on the host)";
    }
}
