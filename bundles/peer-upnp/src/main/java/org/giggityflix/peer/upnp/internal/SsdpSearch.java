package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SsdpSearch} is responsible for finding gateways on the LAN: it sends the M-SEARCH requests (multicast on
 * each suitable interface, or unicast to a configured gateway), collects the answers until the discovery timeout
 * (or shortly after the first good one), and reports what it ignored and why.
 */
final class SsdpSearch {

    private static final Logger LOG = LoggerFactory.getLogger(SsdpSearch.class);

    /**
     * What a search found.
     *
     * @param answers  distinct gateways, the most capable (IGD:2) first
     * @param ignored  datagrams turned away, each with its reason
     */
    record Result(List<SsdpAnswer> answers, List<String> ignored) {
    }

    private SsdpSearch() {
    }

    static Result search(UpnpSettings settings) throws IOException, InterruptedException {
        List<DatagramChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            int mx = (int) Math.max(1, Math.min(5, settings.discoveryTimeout().toSeconds() - 1));
            if (settings.gatewayAddress().isPresent()) {
                InetSocketAddress unresolved = settings.gatewayAddress().get();
                InetSocketAddress target = new InetSocketAddress(
                        InetAddress.getByName(unresolved.getHostString()), unresolved.getPort());
                DatagramChannel channel = open(channels, selector);
                Optional<NetworkInterface> nif = chosenInterface(settings);
                channel.bind(new InetSocketAddress(nif.flatMap(SsdpSearch::ipv4).orElse(null), 0));
                send(channel, target, unresolved.getHostString() + ":" + unresolved.getPort(), mx);
            } else {
                InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(UpnpConstants.SSDP_GROUP),
                        UpnpConstants.SSDP_PORT);
                for (NetworkInterface nif : interfaces(settings)) {
                    DatagramChannel channel = open(channels, selector);
                    channel.bind(new InetSocketAddress(ipv4(nif).orElseThrow(), 0));
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, UpnpConstants.SSDP_TTL);
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
                    send(channel, group, UpnpConstants.SSDP_GROUP + ":" + UpnpConstants.SSDP_PORT, mx);
                }
            }
            return collect(selector, settings);
        } finally {
            for (DatagramChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static DatagramChannel open(List<DatagramChannel> channels, Selector selector) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channels.add(channel);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        return channel;
    }

    private static void send(DatagramChannel channel, InetSocketAddress target, String host, int mx)
            throws IOException {
        for (String st : UpnpConstants.SEARCH_TARGETS) {
            channel.send(ByteBuffer.wrap(SsdpMessages.search(host, st, mx)), target);
        }
    }

    private static Result collect(Selector selector, UpnpSettings settings)
            throws IOException, InterruptedException {
        Map<String, SsdpAnswer> answers = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(UpnpConstants.MAX_DATAGRAM);
        long deadline = System.nanoTime() + settings.discoveryTimeout().toNanos();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            selector.select(left);
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                InetSocketAddress from;
                while ((from = (InetSocketAddress) channel.receive(buffer.clear())) != null) {
                    buffer.flip();
                    byte[] data = new byte[buffer.remaining()];
                    buffer.get(data);
                    try {
                        SsdpAnswer answer = SsdpMessages.parse(data, data.length, from.getAddress());
                        if (answers.isEmpty()) {
                            // The gateway's other answers (one per search target) follow within moments.
                            deadline = Math.min(deadline, System.nanoTime()
                                    + UpnpConstants.ANSWER_GRACE.toNanos());
                        }
                        answers.putIfAbsent(answer.location().toString(), answer);
                    } catch (SsdpMessages.SsdpException e) {
                        String reason = from.getAddress().getHostAddress() + ": " + e.getMessage();
                        LOG.debug("SSDP answer ignored, {}", reason);
                        ignored.add(reason);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        List<SsdpAnswer> sorted = new ArrayList<>(answers.values());
        sorted.sort(Comparator.comparingInt(SsdpSearch::rank));
        return new Result(sorted, ignored);
    }

    private static int rank(SsdpAnswer answer) {
        int i = UpnpConstants.SEARCH_TARGETS.indexOf(answer.st());
        return i < 0 ? UpnpConstants.SEARCH_TARGETS.size() : i;
    }

    private static Optional<NetworkInterface> chosenInterface(UpnpSettings settings) throws IOException {
        if (settings.networkInterface().isEmpty()) {
            return Optional.empty();
        }
        String name = settings.networkInterface().get();
        NetworkInterface nif = NetworkInterface.getByName(name);
        if (nif == null || !nif.isUp()) {
            throw new IOException("network interface '" + name + "' " + (nif == null ? "does not exist" : "is down"));
        }
        if (ipv4(nif).isEmpty()) {
            throw new IOException("network interface '" + name + "' has no IPv4 address");
        }
        return Optional.of(nif);
    }

    /**
     * The interfaces to multicast on: the configured one, or every one that is up, not loopback, and has a private
     * (RFC 1918) IPv4 address. A home router's LAN always uses private addresses; an interface with a public one
     * has no NAT in front of it to open, so nothing is sent there.
     */
    static List<NetworkInterface> interfaces(UpnpSettings settings) throws IOException {
        Optional<NetworkInterface> chosen = chosenInterface(settings);
        if (chosen.isPresent()) {
            return List.of(chosen.get());
        }
        List<NetworkInterface> found = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            try {
                if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast() && lanAddress(nif).isPresent()) {
                    found.add(nif);
                }
            } catch (SocketException e) {
                LOG.debug("interface {} skipped: {}", nif.getName(), e.getMessage());
            }
        }
        if (found.isEmpty()) {
            throw new IOException("no network interface with a home-LAN (private IPv4) address to search on;"
                    + " set networkInterface or gatewayAddress if the gateway is elsewhere");
        }
        return found;
    }

    private static Optional<InetAddress> ipv4(NetworkInterface nif) {
        return lanAddress(nif).or(() -> Collections.list(nif.getInetAddresses()).stream()
                .filter(a -> a instanceof Inet4Address).findFirst());
    }

    private static Optional<InetAddress> lanAddress(NetworkInterface nif) {
        return Collections.list(nif.getInetAddresses()).stream()
                .filter(a -> a instanceof Inet4Address && a.isSiteLocalAddress()).findFirst();
    }
}
