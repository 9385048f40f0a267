package org.giggityflix.peer.upnp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.upnp.PortMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HeldMappings} is responsible for what the router holds for each wanted port, and for the SOAP calls that
 * change it: adding a missing mapping (a permanent one on gateways that allow no lease, our own stale mapping
 * reclaimed), renewing one at half its lease, deleting what is no longer wanted, and saying when the next renewal
 * is due. {@link MappingEngine} decides when, on its one thread; this class is used only there.
 */
final class HeldMappings {

    private static final Logger LOG = LoggerFactory.getLogger(HeldMappings.class);

    /** One wanted port and what the router holds for it. */
    private static final class Held {
        WantedPort port;
        boolean mapped;
        boolean permanent;
        Instant mappedAt;
        String client = "";
        int renewals;
        String error;

        Held(WantedPort port) {
            this.port = port;
        }
    }

    private final Clock clock;
    private final Map<String, Held> held = new LinkedHashMap<>();

    HeldMappings(Clock clock) {
        this.clock = clock;
    }

    /** Deletes from {@code gateway} the mappings of ports no longer wanted, and forgets them. */
    void deleteUnwanted(Gateway gateway, List<WantedPort> wanted) throws InterruptedException {
        Map<String, WantedPort> byKey = new LinkedHashMap<>();
        wanted.forEach(p -> byKey.put(p.key(), p));
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (!byKey.containsKey(h.port.key())) {
                if (h.mapped) {
                    delete(gateway, h);
                }
                it.remove();
            }
        }
    }

    /**
     * Adds every wanted port that is not mapped to this machine, or whose lease is half gone at {@code now}; returns
     * the gateway's refusals, one line each (empty when every port is mapped).
     */
    List<String> addWanted(Gateway gateway, List<WantedPort> wanted, UpnpSettings settings, Instant now)
            throws GatewayException, InterruptedException {
        List<String> refusals = new ArrayList<>();
        for (WantedPort port : wanted) {
            Held h = held.computeIfAbsent(port.key(), k -> new Held(port));
            h.port = port;
            if (h.mapped && !due(h, now, settings.leaseSeconds()) && h.client.equals(gateway.localAddress())) {
                continue;
            }
            try {
                add(gateway, h, settings);
            } catch (ActionRefusedException e) {
                h.mapped = false;
                h.error = "gateway refused the mapping: " + e.getMessage() + conflictHolder(gateway, h, e);
                refusals.add(h.error + " (" + h.port.label() + ")");
                LOG.warn("UPnP: {} ({})", h.error, h.port.label());
            }
        }
        return refusals;
    }

    /** Deletes every mapping from {@code gateway} (if there is one) and forgets them all. */
    void removeAll(Gateway gateway) {
        if (gateway != null) {
            for (Held h : held.values()) {
                if (h.mapped) {
                    try {
                        delete(gateway, h);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        held.clear();
    }

    /** The gateway is gone: nothing is mapped any more, and its errors no longer apply. */
    void gatewayLost() {
        held.values().forEach(h -> {
            h.mapped = false;
            h.error = null;
        });
    }

    /** Every mapping is added again on the next pass (the lease or the label changed). */
    void renewAll() {
        held.values().forEach(h -> h.mappedAt = null);
    }

    /** How long from {@code now} until a lease is half gone, at most {@code recheck}. */
    Duration nextRenewal(Instant now, int leaseSeconds, Duration recheck) {
        Duration soonest = recheck;
        if (leaseSeconds > 0) {
            for (Held h : held.values()) {
                if (h.mapped && !h.permanent && h.mappedAt != null) {
                    Duration d = Duration.between(now, h.mappedAt.plusSeconds(Math.max(1, leaseSeconds / 2)));
                    if (d.compareTo(soonest) < 0) {
                        soonest = d.isNegative() ? Duration.ZERO : d;
                    }
                }
            }
        }
        return soonest;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The ports held, as {@code 8080/tcp, 3478/udp}. */
    String labels() {
        return held.values().stream().map(h -> h.port.label()).collect(Collectors.joining(", "));
    }

    /** Whether any mapping is permanent (the gateway allows no lease). */
    boolean anyPermanent() {
        return held.values().stream().anyMatch(h -> h.permanent);
    }

    /** What the owner is told of {@code port}. */
    PortMapping mapping(WantedPort port, int leaseSeconds) {
        Held h = held.get(port.key());
        if (h == null) {
            return new PortMapping(port.protocol(), port.port(), "", port.requestedBy(), false,
                    Optional.empty(), 0, Optional.empty());
        }
        Optional<Instant> expires = h.mapped && !h.permanent && h.mappedAt != null
                ? Optional.of(h.mappedAt.plusSeconds(leaseSeconds)) : Optional.empty();
        return new PortMapping(port.protocol(), port.port(), h.client, port.requestedBy(), h.mapped,
                expires, h.renewals, Optional.ofNullable(h.error));
    }

    private static boolean due(Held h, Instant now, int leaseSeconds) {
        return !h.permanent && (h.mappedAt == null
                || !now.isBefore(h.mappedAt.plusSeconds(Math.max(1, leaseSeconds / 2))));
    }

    private void add(Gateway gateway, Held h, UpnpSettings settings) throws GatewayException, InterruptedException {
        boolean renewal = h.mapped && h.client.equals(gateway.localAddress());
        int lease = h.permanent ? 0 : settings.leaseSeconds();
        try {
            addOrReclaim(gateway, h, lease, settings.description());
        } catch (ActionRefusedException e) {
            if (e.code() != UpnpErrors.ONLY_PERMANENT_LEASES || lease == 0) {
                throw e;
            }
            // Old IGD:1 gateways: a permanent mapping, removed on stop like any other.
            LOG.info("UPnP: {} accepts only permanent mappings; {} mapped without a lease", gateway.label(),
                    h.port.label());
            addOrReclaim(gateway, h, 0, settings.description());
            h.permanent = true;
        }
        h.mapped = true;
        h.mappedAt = clock.instant();
        h.client = gateway.localAddress();
        h.error = null;
        if (renewal) {
            h.renewals++;
            LOG.debug("UPnP: {} renewed ({} s)", h.port.label(), settings.leaseSeconds());
        } else {
            LOG.info("UPnP: {} mapped on {} -> {}:{}", h.port.label(), gateway.label(), h.client, h.port.port());
        }
    }

    /** AddPortMapping; on a conflict with this machine's own stale mapping, delete it and add once more. */
    private static void addOrReclaim(Gateway gateway, Held h, int lease, String description)
            throws GatewayException, InterruptedException {
        try {
            gateway.addPortMapping(h.port.protocol(), h.port.port(), lease, description);
        } catch (ActionRefusedException e) {
            if (e.code() != 718 || !ours(gateway, gateway.holder(h.port.protocol(), h.port.port()), h)) {
                throw e;
            }
            gateway.deletePortMapping(h.port.protocol(), h.port.port());
            gateway.addPortMapping(h.port.protocol(), h.port.port(), lease, description);
        }
    }

    private static boolean ours(Gateway gateway, Optional<String> holder, Held h) {
        return holder.map(x -> x.equals(gateway.localAddress() + ":" + h.port.port())).orElse(false);
    }

    private static String conflictHolder(Gateway gateway, Held h, ActionRefusedException e)
            throws InterruptedException {
        if (e.code() != 718) {
            return "";
        }
        try {
            return gateway.holder(h.port.protocol(), h.port.port()).map(x -> ", the port goes to " + x).orElse("");
        } catch (GatewayException ignored) {
            return "";
        }
    }

    private static void delete(Gateway gateway, Held h) throws InterruptedException {
        try {
            gateway.deletePortMapping(h.port.protocol(), h.port.port());
            LOG.info("UPnP: {} removed from {}", h.port.label(), gateway.label());
        } catch (ActionRefusedException e) {
            if (e.code() != UpnpErrors.NO_SUCH_ENTRY) {
                LOG.warn("UPnP: removing {} refused: {}", h.port.label(), e.getMessage());
            }
        } catch (GatewayException e) {
            LOG.warn("UPnP: removing {} failed: {} (its lease will expire)", h.port.label(), e.getMessage());
        }
        h.mapped = false;
    }
}
