package org.giggityflix.peer.upnp.internal;

import java.time.Duration;
import java.util.List;

/** {@code UpnpConstants} is responsible for the bundle's fixed names, addresses and limits, in one place. */
final class UpnpConstants {

    /** This component's configuration PID (ENABLE_UPNP lands here as {@code enabled}). */
    static final String PID = "org.giggityflix.peer.upnp";

    /** pax-web's configuration, where HTTP_PORT lands. */
    static final String PAX_WEB_PID = "org.ops4j.pax.web";
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    static final int DEFAULT_HTTP_PORT = 8080;
    static final String HTTP_ENABLED_PROPERTY = "org.osgi.service.http.enabled";
    static final String LISTENING_ADDRESSES_PROPERTY = "org.ops4j.pax.web.listening.addresses";

    /** Who asked for HTTP_PORT, as shown in the status. */
    static final String HTTP_REQUESTER = "http";

    /**
     * Services that mean "the peer's HTTP server is running" (pax-web registers them). HTTP_PORT is mapped only
     * while one is present: the router must never open a port to nothing, or to another program on that port.
     */
    static final List<String> HTTP_RUNTIME_CLASSES = List.of(
            "org.osgi.service.http.runtime.HttpServiceRuntime",
            "org.osgi.service.servlet.runtime.HttpServiceRuntime",
            "org.osgi.service.http.HttpService");

    /** SSDP multicast group and port (UPnP Device Architecture 1.1, IPv4). */
    static final String SSDP_GROUP = "239.255.255.250";
    static final int SSDP_PORT = 1900;
    /** TTL 2, as UDA 1.1 recommends: far enough for the home router, never further. */
    static final int SSDP_TTL = 2;

    /** What the M-SEARCH asks for, most specific first; gateways answer with one of these in ST. */
    static final List<String> SEARCH_TARGETS = List.of(
            "urn:schemas-upnp-org:device:InternetGatewayDevice:2",
            "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
            "urn:schemas-upnp-org:service:WANIPConnection:2",
            "urn:schemas-upnp-org:service:WANIPConnection:1",
            "urn:schemas-upnp-org:service:WANPPPConnection:1");

    static final String WAN_IP_SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:";
    static final String WAN_PPP_SERVICE = "urn:schemas-upnp-org:service:WANPPPConnection:";

    /** After the first answer, how long to wait for the gateway's other answers (one per search target). */
    static final Duration ANSWER_GRACE = Duration.ofMillis(300);
    /** Timeout of each HTTP exchange with the gateway (description, SOAP). */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** Largest description or SOAP answer read; a gateway's are a few KB. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** Largest SSDP datagram read. */
    static final int MAX_DATAGRAM = 8 * 1024;

    /** First wait after a failure; doubles per failure (with jitter) up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);

    /** Longest lease IGD:2 allows (one week); longer requests are cut to it. */
    static final int MAX_LEASE_SECONDS = 604_800;
    /** How long stopping may spend removing mappings before it gives up on an unresponsive gateway. */
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);

    private UpnpConstants() {
    }
}
