package org.giggityflix.peer.upnp.internal;

/**
 * {@code ExternalAddresses} is responsible for telling whether a gateway's external IPv4 address is reachable from
 * the internet, so double NAT (a second router, carrier-grade NAT) is named instead of silently mapping in vain.
 */
final class ExternalAddresses {

    private ExternalAddresses() {
    }

    static boolean isPublic(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        int a;
        int b;
        try {
            a = Integer.parseInt(parts[0]);
            b = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b <= 127)   // carrier-grade NAT
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168));
    }
}
