package org.giggityflix.peer.api.upnp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code PortMappingStatus} is responsible for a snapshot of port mapping, as {@code peer:status} shows it.
 *
 * @param state           where port mapping is
 * @param summary         one line for an owner, e.g. "no UPnP gateway answered within 3 s" or
 *                        "gateway refused the mapping: 718 ConflictInMappingEntry (8080/tcp)"
 * @param gateway         the gateway's name and description URL, once one answered
 * @param externalAddress the router's external IPv4 address, once the gateway told it
 * @param mappings        every port wanted, mapped or not
 * @param since           when {@code state} was entered
 * @param nextAttempt     when the next search, retry or renewal is due
 */
public record PortMappingStatus(PortMapperState state, String summary, Optional<String> gateway,
                                Optional<String> externalAddress, List<PortMapping> mappings, Instant since,
                                Optional<Instant> nextAttempt) {

    public PortMappingStatus {
        mappings = List.copyOf(mappings);
    }
}
