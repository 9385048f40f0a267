package org.giggityflix.peer.web.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code HostNames} is responsible for deciding whether a request's {@code Host} header names this machine: one of
 * its addresses, {@code localhost}, its host names (short, full, {@code .local}), or a name the owner configured.
 * Anything else is a page that reached the peer through a name someone else controls (DNS rebinding), answered 421.
 * The machine's addresses are looked up again every 30 seconds, and sooner (at most every 2 s) when a Host names
 * an address or name not known yet (DHCP, an interface just up).
 */
final class HostNames {

    /** What this machine calls itself: addresses and names, lower case. */
    record Local(Set<InetAddress> addresses, Set<String> names) {
    }

    private static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Duration MISS_REFRESH = Duration.ofSeconds(2);

    private final Supplier<Local> lookup;
    private final Clock clock;
    private volatile Local local;
    private volatile Instant lookedUp = Instant.MIN;

    HostNames(Supplier<Local> lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    /** The real machine. */
    static HostNames system(Clock clock) {
        return new HostNames(HostNames::lookUp, clock);
    }

    /**
     * True when {@code hostHeader} ({@code name}, {@code name:port}, {@code a.b.c.d:port}, {@code [v6]:port})
     * names this machine or one of {@code extra}.
     */
    boolean thisMachine(String hostHeader, Set<String> extra) {
        Optional<String> host = hostOf(hostHeader);
        if (host.isEmpty()) {
            return false;
        }
        String name = host.get();
        if (name.equals("localhost") || extra.contains(name)) {
            return true;
        }
        Optional<InetAddress> address = AddressRanges.literal(name);
        if (address.isPresent() && address.get().isLoopbackAddress()) {
            return true;
        }
        if (known(current(), name, address)) {
            return true;
        }
        // A new address (DHCP, an interface just up) or name: look again, at most every few seconds.
        Local again = refreshAfter(MISS_REFRESH);
        return again != null && known(again, name, address);
    }

    private static boolean known(Local local, String name, Optional<InetAddress> address) {
        return address.isPresent() ? local.addresses().contains(address.get()) : local.names().contains(name);
    }

    /** The host part of a Host header, lower case without a trailing dot; empty when malformed. */
    static Optional<String> hostOf(String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = h.substring(1, close);
            String rest = h.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
                return Optional.empty();
            }
        } else {
            int colon = h.indexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            if (colon >= 0 && !h.substring(colon).matches(":[0-9]{1,5}")) {
                return Optional.empty();
            }
            if (!host.matches("[a-z0-9._-]+")) {
                return Optional.empty();
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    private Local current() {
        Local cached = local;
        if (cached == null) {
            return refreshAfter(Duration.ZERO);
        }
        Local fresh = refreshAfter(REFRESH);
        return fresh == null ? cached : fresh;
    }

    /** Looks the machine up again when the last look is older than {@code age}; null when it is not. */
    private synchronized Local refreshAfter(Duration age) {
        Instant now = clock.instant();
        if (local != null && !lookedUp.plus(age).isBefore(now)) {
            return null;
        }
        local = lookup.get();
        lookedUp = now;
        return local;
    }

    private static Local lookUp() {
        Set<InetAddress> addresses = new HashSet<>();
        Set<String> names = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    addresses.add(a);
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: only loopback and the names below count
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            String name = self.getHostName().toLowerCase(Locale.ROOT);
            names.add(name);
            String canonical = self.getCanonicalHostName().toLowerCase(Locale.ROOT);
            if (AddressRanges.literal(canonical).isEmpty()) {
                names.add(canonical);
            }
            int dot = name.indexOf('.');
            String shortName = dot < 0 ? name : name.substring(0, dot);
            names.add(shortName);
            names.add(shortName + ".local");
        } catch (UnknownHostException e) {
            // no host name: addresses and configured names only
        }
        return new Local(Set.copyOf(addresses), Set.copyOf(names));
    }
}
