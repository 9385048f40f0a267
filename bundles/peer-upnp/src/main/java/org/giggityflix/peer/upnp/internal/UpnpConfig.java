package org.giggityflix.peer.upnp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code UpnpConfig} is responsible for describing the port-mapping settings (PID {@code org.giggityflix.peer.upnp})
 * to ConfigAdmin and metatype, so {@code config:edit}, {@code etc/*.cfg} and the web UI show the same fields.
 */
@ObjectClassDefinition(name = "Giggityflix UPnP port mapping",
        description = "Asks the home router (UPnP Internet Gateway Device) to forward HTTP_PORT, and ports other"
                + " components ask for, to this machine.")
@interface UpnpConfig {

    @AttributeDefinition(name = "Enabled",
            description = "Map ports on the router through UPnP (ENABLE_UPNP). Turning it off removes the mappings.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Lease (s)", min = "0", max = "604800",
            description = "How long the router keeps a mapping unless renewed; renewed at half. 0 asks for a"
                    + " permanent mapping (not recommended: it outlives a crash). At most 604800.")
    int leaseSeconds() default 3600;

    @AttributeDefinition(name = "Discovery timeout (s)", min = "1", max = "30",
            description = "How long to wait for a gateway to answer the SSDP search (1-30).")
    int discoveryTimeoutSec() default 3;

    @AttributeDefinition(name = "Description",
            description = "Label the router shows next to each mapping.")
    String description() default "Giggityflix peer";

    @AttributeDefinition(name = "Network interface", required = false,
            description = "Search only on this interface (e.g. eth0). Empty: every interface that is up, not"
                    + " loopback and has a private (home-LAN) IPv4 address.")
    String networkInterface() default "";

    @AttributeDefinition(name = "Gateway address", required = false,
            description = "host or host:port (default port 1900) of a gateway to ask directly (unicast SSDP),"
                    + " for networks that drop multicast. Empty: multicast search.")
    String gatewayAddress() default "";
}
