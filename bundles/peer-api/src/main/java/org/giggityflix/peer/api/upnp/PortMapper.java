package org.giggityflix.peer.api.upnp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code PortMapper} is responsible for telling and nudging the peer's port mappings on the owner's router.
 *
 * <p>Published with the service properties {@link #STATE_PROPERTY} and {@link #EXTERNAL_ADDRESS_PROPERTY}, kept
 * current, so a shell or UI can show them without calling the service.
 *
 * <p>Other components ask for a port to be mapped by registering any service with the property
 * {@link #PORTS_PROPERTY}: while that service is registered the port is mapped (same external and internal port).
 */
@ProviderType
public interface PortMapper {

    /** Service property: the {@link PortMapperState} name. */
    String STATE_PROPERTY = "upnp.state";

    /** Service property: the router's external IPv4 address, absent until a gateway told it. */
    String EXTERNAL_ADDRESS_PROPERTY = "upnp.externalAddress";

    /**
     * Service property any component may put on a service it registers to have ports mapped while it is
     * registered: an {@code Integer}, an {@code int[]}, a {@code String} or {@code String[]}/collection of
     * entries like {@code "8443"}, {@code "8443/tcp"} or {@code "50000/udp"} (comma lists allowed; TCP when no
     * protocol is given).
     */
    String PORTS_PROPERTY = "upnp.ports";

    /** The mappings right now. */
    PortMappingStatus status();

    /** Forgets any back-off and searches for the gateway / retries refused mappings now (no-op when disabled). */
    void retryNow();
}
