package org.giggityflix.peer.api.upnp;

/** {@code PortMapperState} is responsible for naming where port mapping is in its life. */
public enum PortMapperState {
    /** ENABLE_UPNP is off: nothing is asked of the router. */
    DISABLED,
    /** Looking for a gateway or talking to it. */
    SEARCHING,
    /** The gateway answered and every wanted port is mapped (or nothing needed mapping). */
    MAPPED,
    /** The gateway answered but refused at least one mapping; retried later. */
    REFUSED,
    /** No gateway answered, or it answered nonsense or stopped answering; searched again later. */
    NO_GATEWAY,
    /** The component is stopping and has removed its mappings. */
    STOPPED
}
