package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ImpairmentRelay} is responsible for a bad internet path between a viewer and the peer, in user space (the
 * build machines' kernel has no {@code netem}): a UDP relay that the viewer reaches at {@link #address()} and that
 * forwards to one target (the peer's ICE candidate), adding a one-way delay, jitter and random loss to every packet
 * each way. Packets are never reordered (jitter only stretches the gaps), as on most real paths. The impairment can
 * change while a stream runs; {@link #candidateVia(String)} rewrites an ICE candidate line so a viewer uses the relay.
 *
 * <p>The peer sees the relay's upstream socket as the viewer (a peer-reflexive candidate); the viewer is whoever
 * last sent to {@link #address()}, so a viewer whose address changes is followed.
 */
public final class ImpairmentRelay implements AutoCloseable {

    private static final Pattern CANDIDATE = Pattern.compile(
            "^(a=)?candidate:(\\S+) (\\d+) (?i:(udp)) (\\d+) (\\S+) (\\d+) (typ .*)$");

    /**
     * What the path does to each packet, each way.
     *
     * @param delayMs     one-way delay (the round trip gets twice this)
     * @param jitterMs    the delay varies uniformly by up to this much either way
     * @param lossPercent chance (0-100) that a packet is dropped
     */
    public record Impairment(int delayMs, int jitterMs, double lossPercent) {
        public Impairment {
            if (delayMs < 0 || jitterMs < 0 || jitterMs > delayMs || lossPercent < 0 || lossPercent > 100) {
                throw new IllegalArgumentException("delay >= jitter >= 0 and 0 <= loss <= 100: " + delayMs + " ms, "
                        + jitterMs + " ms, " + lossPercent + " %");
            }
        }

        public static final Impairment NONE = new Impairment(0, 0, 0);
    }

    private final DatagramSocket viewerSide;
    private final DatagramSocket peerSide;
    private final InetSocketAddress target;
    private final Random random;
    private final DelayQueue<Due> queue = new DelayQueue<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread fromViewer;
    private final Thread fromPeer;
    private final Thread sender;
    private volatile Impairment impairment;
    private volatile SocketAddress viewer;
    private volatile boolean closed;
    /** Per direction, the due time of the last packet, so jitter never reorders (guarded by {@code this}). */
    private long lastDueToPeer;
    private long lastDueToViewer;

    /**
     * A relay listening on {@code bind} (port 0: any free one) and forwarding to {@code target}, with a seeded
     * random loss and jitter (a failing run can be repeated).
     */
    public ImpairmentRelay(InetAddress bind, InetSocketAddress target, Impairment impairment, long seed)
            throws SocketException {
        this.target = target;
        this.impairment = impairment;
        this.random = new Random(seed);
        viewerSide = new DatagramSocket(new InetSocketAddress(bind, 0));
        peerSide = new DatagramSocket(new InetSocketAddress(bind, 0));
        fromViewer = start("relay-from-viewer", () -> pump(viewerSide, true));
        fromPeer = start("relay-from-peer", () -> pump(peerSide, false));
        sender = start("relay-send", this::send);
    }

    /** Where the viewer sends: the address to put in the candidate it receives. */
    public InetSocketAddress address() {
        return new InetSocketAddress(viewerSide.getLocalAddress(), viewerSide.getLocalPort());
    }

    public void impair(Impairment next) {
        impairment = next;
    }

    public Impairment impairment() {
        return impairment;
    }

    /** Packets passed on, both ways. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Packets dropped as loss, both ways. */
    public long dropped() {
        return dropped.get();
    }

    /** The UDP host candidate {@code line} names, or empty for any other (TCP, a relay candidate, not one). */
    public static Optional<InetSocketAddress> udpAddressOf(String line) {
        Matcher m = CANDIDATE.matcher(line.trim());
        if (!m.matches() || !m.group(8).startsWith("typ host")) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(m.group(6), Integer.parseInt(m.group(7))));
    }

    /** {@code line} (a UDP candidate) with its address and port replaced by the relay's. */
    public String candidateVia(String line) {
        Matcher m = CANDIDATE.matcher(line.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a UDP candidate: " + line);
        }
        InetSocketAddress a = address();
        return (m.group(1) == null ? "" : m.group(1)) + "candidate:" + m.group(2) + " " + m.group(3) + " "
                + m.group(4) + " " + m.group(5) + " " + a.getAddress().getHostAddress() + " " + a.getPort() + " "
                + m.group(8);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void pump(DatagramSocket socket, boolean toPeer) {
        byte[] buffer = new byte[65_536];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            if (toPeer) {
                viewer = packet.getSocketAddress();
            }
            byte[] data = java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                    packet.getOffset() + packet.getLength());
            Impairment now = impairment;
            long due;
            synchronized (this) {
                if (now.lossPercent() > 0 && random.nextDouble() * 100 < now.lossPercent()) {
                    dropped.incrementAndGet();
                    continue;
                }
                long jitter = now.jitterMs() == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * now.jitterMs() * 1e6);
                due = System.nanoTime() + now.delayMs() * 1_000_000L + jitter;
                if (toPeer) {
                    due = lastDueToPeer = Math.max(due, lastDueToPeer);
                } else {
                    due = lastDueToViewer = Math.max(due, lastDueToViewer);
                }
            }
            queue.add(new Due(due, sequence.incrementAndGet(), data, toPeer));
        }
    }

    private void send() {
        while (!closed) {
            Due next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (next.toPeer()) {
                    peerSide.send(new DatagramPacket(next.data(), next.data().length, target));
                } else if (viewer != null) {
                    viewerSide.send(new DatagramPacket(next.data(), next.data().length, viewer));
                }
                forwarded.incrementAndGet();
            } catch (IOException e) {
                // a packet lost to a closing socket or an unreachable viewer, as on a real path
            }
        }
    }

    /** A packet waiting for its time. */
    private record Due(long dueNanos, long sequence, byte[] data, boolean toPeer) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Due o = (Due) other;
            int byTime = Long.compare(dueNanos, o.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    @Override
    public void close() {
        closed = true;
        viewerSide.close();
        peerSide.close();
        sender.interrupt();
        try {
            fromViewer.join(2000);
            fromPeer.join(2000);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "relay " + address() + " -> " + target + " (" + impairment + ")";
    }
}
