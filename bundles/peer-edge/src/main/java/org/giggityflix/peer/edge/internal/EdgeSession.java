package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.osgi.common.Backoff;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.RequestError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;

/**
 * {@code EdgeSession} is responsible for keeping this peer connected to its Edge: dial, open {@code AsyncOperations}
 * with {@code peer_id}, the link's state and counters, reconnect with back-off until it gives up, and settings
 * applied to the live link. What travels on a link is done by its parts: {@link OfferPump} (offers, catalog ids,
 * gone files), {@link EdgeDispatch} (the Edge's requests, bounded, answered on the link they came on) and
 * {@link Heartbeat}. It knows nothing of OSGi: the component creates one per configuration, tests create it directly.
 */
final class EdgeSession implements EdgeLink, Link.Events, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSession.class);
    private static final Metadata.Key<String> PEER_ID =
            Metadata.Key.of(EdgeConstants.PEER_ID_METADATA, Metadata.ASCII_STRING_MARSHALLER);

    private volatile EdgeSettings settings;
    private final MediaCatalog catalog;
    private final EdgeCatalog edgeCatalog;
    private final FileHasher hasher;
    private final String peerId;
    private final Path dataDir;
    private volatile Trash trash;
    private final Supplier<Optional<ScreenshotService>> screenshots;
    private final ChannelFactory channels = new ChannelFactory();
    private final Backoff backoff;
    private final Consumer<EdgeStatus> statusListener;
    private final Clock clock;

    private final ScheduledExecutorService scheduler;
    private final EdgeDispatch dispatch;
    private final OfferPump offers;
    private final Heartbeat heartbeat;

    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong requestsRefused = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    // Guarded by this.
    private EdgeState state = EdgeState.DISCONNECTED;
    private Instant since;
    private String lastError;
    private int attempts;
    private Link link;
    private ScheduledFuture<?> nextAttempt;
    private boolean stopped = true;

    /**
     * @param screenshots    the screenshot service when installed (read on each screenshot request)
     * @param statusListener told after each state change
     */
    EdgeSession(EdgeSettings settings, MediaCatalog catalog, EdgeCatalog edgeCatalog, FileHasher hasher,
                String peerId, Path dataDir, Supplier<Optional<ScreenshotService>> screenshots,
                Consumer<EdgeStatus> statusListener) {
        this.settings = settings;
        this.catalog = catalog;
        this.edgeCatalog = edgeCatalog;
        this.hasher = hasher;
        this.peerId = peerId;
        this.screenshots = screenshots;
        this.statusListener = statusListener;
        this.clock = Clock.systemUTC();
        this.since = clock.instant();
        this.dataDir = dataDir;
        this.trash = new Trash(dataDir, clock, settings.trashMaxPercent());
        this.backoff = new Backoff(settings.reconnectInterval(), EdgeConstants.MAX_BACKOFF,
                () -> ThreadLocalRandom.current().nextDouble());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("edge-link"));
        AnswerGate<OfferPump.Answer> answers = new AnswerGate<>();
        this.dispatch = new EdgeDispatch(requests(settings), settings.maxConcurrentRequests(), answers,
                () -> this.settings.timeout());
        this.offers = new OfferPump(edgeCatalog, answers, this::currentLink, this::nextId);
        this.heartbeat = new Heartbeat(catalog, edgeCatalog, clock, this::nextId);
        if (!settings.warnings().isEmpty()) {
            lastError = "configuration: " + String.join("; ", settings.warnings());
            LOG.warn("Edge link {}", lastError);
        }
    }

    /** Starts dialing, and the trash clean-up (every 6 hours, so a retention of N days is kept to within hours). */
    void start() {
        scheduler.scheduleWithFixedDelay(() -> trash.purge(settings.trashRetentionDays()), 0, 6, TimeUnit.HOURS);
        reconnect();
    }

    /**
     * Applies {@code next} without touching the link when it names the same link ({@link EdgeSettings#sameLink}):
     * what the Edge may do (deletes, upload hosts, trash retention) and how many requests run at once change for the
     * requests that arrive from now on. A configuration update that changes nothing of the link (the same values
     * written again, a setting of another kind) must not cut the stream an Edge is talking on.
     *
     * @return false when {@code next} needs a new link (the caller replaces this session)
     */
    boolean update(EdgeSettings next) {
        EdgeSettings current = settings;
        if (!current.sameLink(next)) {
            return false;
        }
        if (current.equals(next)) {
            return true;
        }
        synchronized (this) {
            settings = next;
            if (next.trashMaxPercent() != current.trashMaxPercent()) {
                trash = new Trash(dataDir, clock, next.trashMaxPercent());
            }
            dispatch.update(requests(next), next.maxConcurrentRequests());
            lastError = next.warnings().isEmpty() ? lastError : "configuration: " + String.join("; ", next.warnings());
        }
        LOG.info("Edge link settings updated without reconnecting (allowDelete={}, concurrent requests {})",
                next.allowDelete(), next.maxConcurrentRequests());
        return true;
    }

    private EdgeRequests requests(EdgeSettings with) {
        return new EdgeRequests(catalog, edgeCatalog, hasher, trash, with::allowDelete,
                Screenshots.forEdge(with, screenshots));
    }

    /** Relays WebRTC signaling to the transport {@code transport} returns (null while none is installed). */
    void webrtc(Supplier<WebRtcSignaling> transport) {
        dispatch.webrtc(new EdgeWebRtc(catalog, transport));
    }

    // ---------------------------------------------------------------- EdgeLink

    @Override
    public synchronized EdgeStatus status() {
        return new EdgeStatus(state, settings.address(), since, Optional.ofNullable(lastError), attempts,
                new EdgeCounters(messagesIn.get(), messagesOut.get(), offers.filesOffered(), offers.filesCataloged(),
                        requestsRefused.get()), settings.plaintextWarning());
    }

    @Override
    public void reconnect() {
        synchronized (this) {
            if (scheduler.isShutdown()) {
                // A closed session (replaced after a configuration change) stays closed.
                return;
            }
            stopped = false;
            attempts = 0;
            dropLink();
            cancelNextAttempt();
            nextAttempt = scheduler.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
        }
        LOG.info("Edge link: connecting to {} as peer {}", settings.address(), peerId);
    }

    @Override
    public void disconnect() {
        synchronized (this) {
            stopped = true;
            cancelNextAttempt();
            dropLink();
            enter(EdgeState.DISCONNECTED);
        }
        LOG.info("Edge link to {} closed by the owner", settings.address());
    }

    @Override
    public void close() {
        disconnect();
        scheduler.shutdownNow();
        offers.close();
        dispatch.close();
    }

    /** Files the catalog reports: new ones are offered at once, gone ones reported. Called on a catalog thread. */
    void catalogChanged(List<CatalogChange> changes) {
        offers.catalogChanged(changes);
    }

    // ---------------------------------------------------------------- connecting

    private void connect() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            enter(EdgeState.CONNECTING);
        }
        ManagedChannel channel;
        try {
            channel = channels.open(settings);
        } catch (IOException | RuntimeException e) {
            failed("cannot set up TLS for the Edge at " + settings.address() + ": " + e.getMessage()
                    + " (check certPath, clientCertPath, clientKeyPath)", false);
            return;
        }
        Link fresh = new Link(channel, this, this::sent);
        synchronized (this) {
            // A reconnect() racing with this attempt may have installed its own link already: keep only one.
            if (stopped || link != null) {
                fresh.close();
                return;
            }
            link = fresh;
        }
        open(fresh);
    }

    private void open(Link fresh) {
        Metadata headers = new Metadata();
        headers.put(PEER_ID, peerId);
        PeerEdgeServiceGrpc.newStub(fresh.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .asyncOperations(fresh);
        // A stream still open after the connect timeout was accepted even if the Edge has said nothing yet.
        schedule(() -> up(fresh), settings.timeout());
        long beat = settings.heartbeatInterval().toMillis();
        fresh.heartbeat(scheduler.scheduleAtFixedRate(() -> heartbeat.beat(fresh), beat, beat,
                TimeUnit.MILLISECONDS));
        offers.start(fresh);
    }

    private void up(Link current) {
        if (!current.markUp()) {
            return;
        }
        synchronized (this) {
            if (current != link) {
                return;
            }
            attempts = 0;
            enter(EdgeState.CONNECTED);
        }
        LOG.info("Edge link: connected to {} as peer {}", settings.address(), peerId);
    }

    @Override
    public void ended(Link ended, Status status) {
        synchronized (this) {
            if (ended != link) {
                return;
            }
            link = null;
        }
        ended.close();
        linkClosed(ended);
        failed(Refusals.describe(status, settings.address()), Refusals.isRefusal(status));
    }

    /** Records why the link failed and schedules the next attempt, or gives up. */
    private void failed(String why, boolean refused) {
        Duration delay;
        synchronized (this) {
            lastError = why;
            if (stopped) {
                return;
            }
            attempts++;
            if (attempts > settings.maxReconnectAttempts()) {
                enter(EdgeState.GAVE_UP);
                LOG.error("Edge link: gave up after {} attempts: {} (peer:edge-reconnect tries again)", attempts, why);
                return;
            }
            // An Edge that said no is given more room than one that could not be reached.
            delay = backoff.delay(refused ? attempts + 2 : attempts);
            enter(EdgeState.RECONNECTING);
            nextAttempt = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.warn("Edge link: {}; attempt {} of {} in {} ms", why, attempts, settings.maxReconnectAttempts(),
                delay.toMillis());
    }

    private void dropLink() {
        Link old = link;
        link = null;
        if (old != null) {
            old.close();
            linkClosed(old);
        }
    }

    private void cancelNextAttempt() {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
            nextAttempt = null;
        }
    }

    private void enter(EdgeState next) {
        if (state != next) {
            state = next;
            since = clock.instant();
            execute(scheduler, () -> statusListener.accept(status()));
        }
    }

    private synchronized Link currentLink() {
        return link;
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void received(Link from, EdgeMessage message) {
        messagesIn.incrementAndGet();
        up(from);
        switch (message.getPayloadCase()) {
            case BATCH_FILE_OFFER_RESPONSE -> offers.answered(from, message.getBatchFileOfferResponse());
            case PAYLOAD_NOT_SET -> dispatch.refuse(from, message, message.getUnknownFields().asMap().isEmpty()
                    ? RequestError.Reason.EMPTY_PAYLOAD : RequestError.Reason.UNSUPPORTED_PAYLOAD);
            default -> dispatch.submit(from, message);
        }
    }

    private void linkClosed(Link link) {
        dispatch.webrtc().ifPresent(relay -> relay.linkClosed(link));
    }

    /** Counts what went out, and the answers that said no. */
    private void sent(PeerMessage message) {
        messagesOut.incrementAndGet();
        if (message.hasRequestError() || message.hasFileDeleteResponse() && !message.getFileDeleteResponse().getSuccess()
                || message.hasFileHashResponse() && !message.getFileHashResponse().getSuccess()
                || message.hasFileRemapResponse() && !message.getFileRemapResponse().getSuccess()) {
            requestsRefused.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private String nextId(String kind) {
        return kind + "-" + sequence.incrementAndGet();
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed, not scheduled");
        }
    }

    private static void execute(ExecutorService executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed, task dropped");
        }
    }
}
