package org.giggityflix.peer.upnp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.api.upnp.PortMapping;
import org.giggityflix.peer.api.upnp.PortMappingStatus;
import org.giggityflix.peer.osgi.common.Backoff;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code MappingEngine} is responsible for keeping the router's mappings equal to the wanted ports: find the
 * gateway, have {@link HeldMappings} add what is missing, renew each lease at half its time and delete what is no
 * longer wanted, and on any failure say why in one line and try again later with back-off. Everything runs on one
 * thread it owns; the HTTP client has its own small pool. Nothing it meets on the network is allowed to escape as
 * an exception.
 */
final class MappingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MappingEngine.class);
    /** Check on the gateway at least this often (external address, a router that rebooted and forgot). */
    private static final Duration RECHECK = Duration.ofMinutes(10);

    private final ScheduledExecutorService executor;
    private final ExecutorService httpExecutor;
    private final GatewayFinder finder;
    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<PortMappingStatus> listener;

    // Touched only on the executor thread.
    private UpnpSettings settings;
    private List<WantedPort> wanted = List.of();
    private List<String> wantProblems = List.of();
    private final HeldMappings held;
    private Gateway gateway;
    private String externalAddress;
    private int failures;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private PortMapperState state = PortMapperState.SEARCHING;
    private String summary = "starting";
    private Instant since;

    private volatile PortMappingStatus status;

    /**
     * @param firstRetry  wait after the first failure (doubles per failure)
     * @param httpTimeout limit of each HTTP exchange with the gateway
     */
    MappingEngine(UpnpSettings settings, Duration firstRetry, Duration httpTimeout, Clock clock,
                  Consumer<PortMappingStatus> listener) {
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.since = clock.instant();
        this.held = new HeldMappings(clock);
        this.executor = Executors.newSingleThreadScheduledExecutor(new NamedThreads("peer-upnp"));
        this.httpExecutor = Executors.newCachedThreadPool(new NamedThreads("peer-upnp-http"));
        this.finder = new GatewayFinder(new HttpExchange(httpExecutor, httpTimeout));
        this.backoff = new Backoff(firstRetry, UpnpConstants.MAX_RETRY, Math::random);
        this.status = snapshot();
    }

    /** Starts with {@code ports} wanted. */
    void start(List<WantedPort> ports, List<String> problems) {
        submit(() -> {
            wanted = List.copyOf(ports);
            wantProblems = List.copyOf(problems);
            cycle();
        });
    }

    /** A new configuration: a different search forgets the gateway (after removing its mappings). */
    void reconfigure(UpnpSettings newSettings) {
        submit(() -> {
            boolean sameSearch = newSettings.sameSearch(settings);
            if (!newSettings.enabled() || !sameSearch) {
                removeAll();
                gateway = null;
                externalAddress = null;
            }
            // Lease or label changed: re-adding now applies them.
            held.renewAll();
            settings = newSettings;
            failures = 0;
            cycle();
        });
    }

    /** The wanted ports changed (web server started/stopped, a component asked). */
    void want(List<WantedPort> ports, List<String> problems) {
        submit(() -> {
            if (ports.equals(wanted) && problems.equals(wantProblems)) {
                return;
            }
            wanted = List.copyOf(ports);
            wantProblems = List.copyOf(problems);
            if (gateway != null) {
                cycle();
            } else {
                publish();
            }
        });
    }

    /** Forget the back-off and try now. */
    void retryNow() {
        submit(() -> {
            failures = 0;
            cycle();
        });
    }

    PortMappingStatus status() {
        return status;
    }

    /** Removes every mapping (waiting at most {@link UpnpConstants#STOP_BUDGET}) and stops the threads. */
    void stop() {
        try {
            Future<?> removal = executor.submit(() -> {
                cancelNext();
                removeAll();
                gateway = null;
                enter(PortMapperState.STOPPED, "stopped; mappings removed");
            });
            removal.get(UpnpConstants.STOP_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("UPnP: the gateway did not confirm removal within {} s; its leases will expire on their own",
                    UpnpConstants.STOP_BUDGET.toSeconds());
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.warn("UPnP: removing mappings failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug must not end port mapping for good, nor reach anything else.
                    LOG.warn("UPnP: unexpected failure", e);
                    failed(PortMapperState.NO_GATEWAY, "unexpected failure: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("UPnP: stopped, task dropped");
        }
    }

    /** One pass: find or check the gateway, reconcile the mappings, schedule what comes next. */
    private void cycle() {
        cancelNext();
        if (!settings.enabled()) {
            removeAll();
            gateway = null;
            externalAddress = null;
            enter(PortMapperState.DISABLED, "off (ENABLE_UPNP / enabled is false)");
            return;
        }
        try {
            if (gateway == null) {
                enter(PortMapperState.SEARCHING, "searching for a UPnP gateway");
                GatewayFinder.Found found = finder.find(settings);
                gateway = found.gateway();
                externalAddress = found.externalAddress();
                LOG.info("UPnP: gateway {} found, external address {}, this machine {}", gateway.label(),
                        externalAddress, gateway.localAddress());
            } else {
                externalAddress = gateway.externalAddress();
            }
        } catch (GatewayException e) {
            lostGateway(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            reconcile();
        } catch (GatewayException e) {
            lostGateway(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reconcile() throws GatewayException, InterruptedException {
        held.deleteUnwanted(gateway, wanted);
        Instant now = clock.instant();
        List<String> refusals = held.addWanted(gateway, wanted, settings, now);
        if (refusals.isEmpty()) {
            failures = 0;
            enter(PortMapperState.MAPPED, mappedSummary());
            schedule(held.nextRenewal(now, settings.leaseSeconds(), RECHECK));
        } else {
            failures++;
            enter(PortMapperState.REFUSED, refusals.get(0)
                    + (refusals.size() > 1 ? " and " + (refusals.size() - 1) + " more" : ""));
            Duration retry = backoff.delay(failures);
            Duration renewal = held.nextRenewal(now, settings.leaseSeconds(), RECHECK);
            schedule(retry.compareTo(renewal) < 0 ? retry : renewal);
        }
    }

    private void removeAll() {
        held.removeAll(gateway);
    }

    private void lostGateway(GatewayException e) {
        if (gateway != null) {
            LOG.warn("UPnP: gateway {} {}", gateway.label(), e.getMessage());
        }
        String text = e instanceof GatewayFinder.NoGatewayException || gateway == null ? e.getMessage()
                : "gateway " + gateway.location().getHost() + ": " + e.getMessage();
        gateway = null;
        externalAddress = null;
        held.gatewayLost();
        failures++;
        failed(PortMapperState.NO_GATEWAY, text);
    }

    private void failed(PortMapperState newState, String text) {
        enter(newState, text);
        if (settings.enabled()) {
            schedule(backoff.delay(Math.max(1, failures)));
        }
        LOG.info("UPnP: {}; next try in {} s", text,
                nextAt == null ? "-" : Duration.between(clock.instant(), nextAt).toSeconds());
    }

    private String mappedSummary() {
        String where = gateway.label();
        String text;
        if (held.isEmpty()) {
            text = "gateway " + where + " found, external address " + externalAddress + "; nothing to map ("
                    + (wantProblems.isEmpty() ? "the web server is not running and no component asked for a port"
                    : wantProblems.get(0)) + ")";
        } else {
            String ports = held.labels();
            boolean permanent = held.anyPermanent();
            text = ports + " mapped on " + where + ", external address " + externalAddress
                    + (permanent ? "; permanent (the gateway allows no lease), removed on stop"
                    : "; lease " + settings.leaseSeconds() + " s, renewed every "
                    + Math.max(1, settings.leaseSeconds() / 2) + " s");
        }
        if (!ExternalAddresses.isPublic(externalAddress)) {
            text += " - but " + externalAddress + " is not a public address: another router or the provider's NAT"
                    + " stands between this gateway and the internet, so the mapping does not reach outside";
        }
        if (!wantProblems.isEmpty() && !held.isEmpty()) {
            text += " (" + wantProblems.get(0) + ")";
        }
        return text;
    }

    private void schedule(Duration delay) {
        cancelNext();
        nextAt = clock.instant().plus(delay);
        next = executor.schedule(() -> submit(this::cycle), delay.toMillis(), TimeUnit.MILLISECONDS);
        publish();
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        nextAt = null;
    }

    private void enter(PortMapperState newState, String text) {
        if (newState != state) {
            since = clock.instant();
        }
        state = newState;
        summary = text;
        publish();
    }

    private void publish() {
        status = snapshot();
        try {
            listener.accept(status);
        } catch (RuntimeException e) {
            LOG.debug("UPnP: status listener failed", e);
        }
    }

    private PortMappingStatus snapshot() {
        List<PortMapping> mappings = new ArrayList<>();
        for (WantedPort port : wanted) {
            mappings.add(held.mapping(port, settings.leaseSeconds()));
        }
        return new PortMappingStatus(state, summary, Optional.ofNullable(gateway).map(Gateway::label),
                Optional.ofNullable(externalAddress), mappings, since, Optional.ofNullable(nextAt));
    }
}
