package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code PortBlock} is responsible for cutting a path between two programs on this machine the way a viewer's network
 * change cuts it: every UDP packet from or to the given UDP ports, and every TCP segment from or to the given TCP
 * ports (ICE over TCP), is dropped without a word to the sender (an
 * nftables table of its own, hooked on input, which every packet between two local programs passes; a drop on
 * output would fail the sender's {@code sendto} instead), while everything else, TCP signaling included, goes on. New sockets (an ICE restart gathers new candidates on new ports) are not touched. {@link #close()}
 * removes the table; tables left by a process that died are removed by the next {@link #ports}.
 *
 * <p>Needs root and {@code nft} (Debian nftables): {@link #unavailableReason()}.
 */
public final class PortBlock implements AutoCloseable {

    private static final String PREFIX = "gfxblock_";
    private static final Pattern OURS = Pattern.compile("table inet (" + PREFIX + "(\\d+)_\\d+)");
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String table;
    private volatile boolean closed;

    private PortBlock(String table) {
        this.table = table;
    }

    /** Why packets cannot be blocked here, or null when they can (root, {@code nft} installed). */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "blocking packets needs root (CI runs as root)";
        }
        if (nft() == null) {
            return "nft is missing (Debian nftables)";
        }
        return null;
    }

    /**
     * Drops every UDP packet from or to one of {@code udp} and every TCP segment from or to one of {@code tcp} until
     * {@link #close()}.
     */
    public static PortBlock ports(Collection<Integer> udp, Collection<Integer> tcp) throws IOException {
        if (udp.isEmpty() && tcp.isEmpty()) {
            throw new IllegalArgumentException("no ports to block");
        }
        sweepStale();
        String table = PREFIX + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        PortBlock block = new PortBlock(table);
        try {
            run("add", "table", "inet", table);
            run("add", "chain", "inet", table, "block", "{ type filter hook input priority 0 ; policy accept ; }");
            for (String protocol : List.of("udp", "tcp")) {
                Collection<Integer> ports = protocol.equals("udp") ? udp : tcp;
                if (!ports.isEmpty()) {
                    String set = ports.stream().map(String::valueOf).collect(Collectors.joining(", ", "{ ", " }"));
                    run("add", "rule", "inet", table, "block", protocol, "sport", set, "drop");
                    run("add", "rule", "inet", table, "block", protocol, "dport", set, "drop");
                }
            }
        } catch (IOException | RuntimeException e) {
            block.close();
            throw e;
        }
        return block;
    }

    /** Lets the packets through again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run("delete", "table", "inet", table);
        } catch (IOException e) {
            // already gone
        }
    }

    private static void sweepStale() {
        try {
            Matcher m = OURS.matcher(run("list", "tables"));
            while (m.find()) {
                long pid = Long.parseLong(m.group(2));
                if (ProcessHandle.of(pid).isEmpty()) {
                    run("delete", "table", "inet", m.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep, or not ours to remove
        }
    }

    private static String nft() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, "nft"))) {
                return dir + "/nft";
            }
        }
        return null;
    }

    private static String run(String... args) throws IOException {
        String nft = nft();
        if (nft == null) {
            throw new IOException("nft is missing (Debian nftables)");
        }
        List<String> command = new ArrayList<>(List.of(nft));
        command.addAll(List.of(args));
        return Commands.run(Commands.LIMIT, command).checked().out();
    }

    @Override
    public String toString() {
        return "port block " + table;
    }
}
