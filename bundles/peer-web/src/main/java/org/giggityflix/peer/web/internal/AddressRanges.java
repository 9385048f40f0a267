package org.giggityflix.peer.web.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code AddressRanges} is responsible for a set of CIDR ranges (IPv4 and IPv6) and telling whether an address is
 * in one of them. Only IP literals are accepted: a name is never resolved, and a value that is not an address is in
 * no range.
 */
final class AddressRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;
    private final List<String> invalid;

    private AddressRanges(List<Range> ranges, List<String> invalid) {
        this.ranges = ranges;
        this.invalid = invalid;
    }

    /**
     * Parses {@code 192.168.0.0/16}, {@code fc00::/7}, or a single address; bad entries are listed in
     * {@link #invalid()}. A value may hold several, separated by commas, as one line of an {@code etc/*.cfg} does.
     */
    static AddressRanges parse(String[] cidrs) {
        List<Range> ranges = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String cidr : FrontDoor.listed(cidrs)) {
            int slash = cidr.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address.isEmpty()) {
                invalid.add(cidr);
                continue;
            }
            byte[] bytes = address.get().getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                invalid.add(cidr);
                continue;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                invalid.add(cidr);
                continue;
            }
            ranges.add(new Range(bytes, prefix));
        }
        return new AddressRanges(List.copyOf(ranges), List.copyOf(invalid));
    }

    boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address.
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            byte[] v4 = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            for (Range r : ranges) {
                if (r.contains(v4)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Entries that were neither an address nor a CIDR range (reported, then ignored). */
    List<String> invalid() {
        return invalid;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An IP literal ({@code [v6]} brackets and a {@code %zone} allowed), never a name. */
    static Optional<InetAddress> literal(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        boolean v4 = literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = literal.contains(":") && literal.matches("[0-9a-fA-F:.]+(%[0-9a-zA-Z_.-]+)?");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
