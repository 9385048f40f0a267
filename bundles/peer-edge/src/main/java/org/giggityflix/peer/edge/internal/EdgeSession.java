package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.osgi.common.Backoff;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.giggityflix.peer.proto.CatalogedInfo;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.FileOfferRequest;
import org.giggityflix.peer.proto.FileOfferResponse;
import org.giggityflix.peer.proto.FilesGoneNotice;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerHeartbeat;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.RequestError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;

/**
 * {@code EdgeSession} is responsible for keeping this peer connected to its Edge and answering it: dial, open
 * {@code AsyncOperations} with {@code peer_id}, offer uncataloged files, store the catalog ids, report gone
 * files, heartbeat, hand requests to {@link EdgeRequests} with a bound, and reconnect with back-off until it gives
 * up. It knows nothing of OSGi: the component creates one per configuration, tests create it directly.
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
    private volatile EdgeRequests requests;
    private volatile EdgeWebRtc webrtc;
    private final ChannelFactory channels = new ChannelFactory();
    private final Backoff backoff;
    private final Consumer<EdgeStatus> statusListener;
    private final Clock clock;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService offerThread;
    private final ThreadPoolExecutor workers;

    private final Set<String> goneUnsent = ConcurrentHashMap.newKeySet();
    private final AnswerGate<Answer> answers = new AnswerGate<>();
    private final AtomicBoolean storing = new AtomicBoolean();
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong filesOffered = new AtomicLong();
    private final AtomicLong filesCataloged = new AtomicLong();
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
        this.requests = requests(settings);
        this.backoff = new Backoff(settings.reconnectInterval(), EdgeConstants.MAX_BACKOFF,
                () -> ThreadLocalRandom.current().nextDouble());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("edge-link"));
        this.offerThread = Executors.newSingleThreadExecutor(new NamedThreads("edge-offers"));
        this.workers = new ThreadPoolExecutor(settings.maxConcurrentRequests(), settings.maxConcurrentRequests(),
                30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(EdgeConstants.REQUEST_QUEUE), new NamedThreads("edge-request"));
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
            requests = requests(next);
            int size = next.maxConcurrentRequests();
            if (size > workers.getMaximumPoolSize()) {
                workers.setMaximumPoolSize(size);
                workers.setCorePoolSize(size);
            } else {
                workers.setCorePoolSize(size);
                workers.setMaximumPoolSize(size);
            }
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
        webrtc = new EdgeWebRtc(catalog, transport);
    }

    // ---------------------------------------------------------------- EdgeLink

    @Override
    public synchronized EdgeStatus status() {
        return new EdgeStatus(state, settings.address(), since, Optional.ofNullable(lastError), attempts,
                new EdgeCounters(messagesIn.get(), messagesOut.get(), filesOffered.get(), filesCataloged.get(),
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
        offerThread.shutdownNow();
        workers.shutdownNow();
    }

    /** Files the catalog reports: new ones are offered at once, gone ones reported. Called on a catalog thread. */
    void catalogChanged(List<CatalogChange> changes) {
        execute(offerThread, () -> {
            List<MediaFile> fresh = new ArrayList<>();
            for (CatalogChange change : changes) {
                if (change.kind() == CatalogChange.Kind.DELETED) {
                    change.file().catalogId().ifPresent(goneUnsent::add);
                } else if (OfferBook.uncataloged(change.file())) {
                    fresh.add(change.file());
                }
            }
            Link current = currentLink();
            if (current != null) {
                // Files the cursor has passed (a deleted row back on disk) are offered now; newer ones are read
                // by the next page, within the flow-control bound.
                OfferBook book = current.offers();
                List<UncatalogedFile> behind = new ArrayList<>();
                for (MediaFile file : fresh) {
                    if (file.luid() <= book.cursor()) {
                        behind.add(UncatalogedFile.of(file));
                    }
                }
                offer(current, behind);
                if (behind.size() < fresh.size()) {
                    book.more();
                }
                pump(current);
                reportGone(current);
            }
        });
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
        fresh.heartbeat(scheduler.scheduleAtFixedRate(() -> heartbeat(fresh), beat, beat, TimeUnit.MILLISECONDS));
        fresh.onReady(() -> execute(offerThread, () -> pump(fresh)));
        execute(offerThread, () -> {
            pump(fresh);
            reportGone(fresh);
        });
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
            case BATCH_FILE_OFFER_RESPONSE -> answered(from, message.getBatchFileOfferResponse());
            case PAYLOAD_NOT_SET -> refuse(from, message, message.getUnknownFields().asMap().isEmpty()
                    ? RequestError.Reason.EMPTY_PAYLOAD : RequestError.Reason.UNSUPPORTED_PAYLOAD);
            default -> submit(from, message);
        }
    }

    private void submit(Link from, EdgeMessage request) {
        String id = request.getRequestId();
        if (id.isEmpty()) {
            refuse(from, request, RequestError.Reason.MISSING_REQUEST_ID);
            return;
        }
        if (!from.startRequest(id)) {
            refuse(from, request, RequestError.Reason.DUPLICATE_REQUEST_ID);
            return;
        }
        long ticket = answers.ticket();
        try {
            workers.execute(() -> work(from, request, ticket));
        } catch (RejectedExecutionException e) {
            from.endRequest(id);
            refuse(from, request, RequestError.Reason.BUSY);
        }
    }

    /**
     * Answers {@code request} on the link it came on, once the offer answers that arrived before it ({@code ticket})
     * are stored: a request may name a catalog id the Edge gave a moment ago.
     */
    private void work(Link from, EdgeMessage request, long ticket) {
        try {
            if (!answers.awaitStored(ticket, settings.timeout())) {
                LOG.debug("Edge request {} answered before earlier catalog ids were stored", request.getRequestId());
            }
            for (PeerMessage answer : answers(from, request)) {
                from.send(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Edge request {} ({}) failed", request.getRequestId(), request.getPayloadCase(), e);
            from.send(requestError(request, RequestError.Reason.UNKNOWN, "the peer failed: " + e));
        } finally {
            from.endRequest(request.getRequestId());
        }
    }

    private List<PeerMessage> answers(Link from, EdgeMessage request) {
        EdgeWebRtc relay = webrtc;
        if (relay != null && request.getPayloadCase() == EdgeMessage.PayloadCase.EDGE_WEBRTC) {
            Optional<List<PeerMessage>> relayed = relay.handle(request, from, from::send);
            if (relayed.isPresent()) {
                return relayed.get();
            }
        }
        return requests.answer(request);
    }

    private void linkClosed(Link link) {
        EdgeWebRtc relay = webrtc;
        if (relay != null) {
            relay.linkClosed(link);
        }
    }

    private void refuse(Link from, EdgeMessage request, RequestError.Reason reason) {
        String message = switch (reason) {
            case EMPTY_PAYLOAD -> "the message carries no request";
            case UNSUPPORTED_PAYLOAD -> "this peer does not know the request in field(s) "
                    + request.getUnknownFields().asMap().keySet();
            case MISSING_REQUEST_ID -> "a request needs a request_id to be answered";
            case DUPLICATE_REQUEST_ID -> "request " + request.getRequestId() + " is already being worked on";
            case BUSY -> "too many requests at once; try again shortly";
            default -> reason.name();
        };
        LOG.warn("Edge request '{}' refused: {}", request.getRequestId(), message);
        from.send(requestError(request, reason, message));
    }

    private static PeerMessage requestError(EdgeMessage request, RequestError.Reason reason, String message) {
        int field = request.getUnknownFields().asMap().keySet().stream().findFirst().orElse(
                request.getPayloadCase().getNumber());
        return PeerMessage.newBuilder().setRequestId(request.getRequestId()).setRequestError(
                RequestError.newBuilder().setReason(reason).setMessage(message).setPayloadField(field)).build();
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

    // ---------------------------------------------------------------- offers, gone files, heartbeat

    /**
     * Offers the next pages of uncataloged files on {@code to} while gRPC can take them and fewer than
     * {@link EdgeConstants#MAX_FILES_AWAITING} await their ids: pages stay in flight while earlier ones are answered
     * and stored, and an Edge that reads or answers slowly is sent no more than that. Runs on the offer thread.
     */
    private void pump(Link to) {
        OfferBook book = to.offers();
        try {
            while (!to.isClosed() && book.awaitingCount() < EdgeConstants.MAX_FILES_AWAITING && to.isReady()) {
                if (book.swept() && !book.sweepAgainIfDeferred()) {
                    return;
                }
                List<UncatalogedFile> page = edgeCatalog.uncatalogedAfter(book.cursor(), EdgeConstants.OFFER_PAGE);
                book.listed(page, EdgeConstants.OFFER_PAGE);
                offer(to, page);
            }
        } catch (CatalogException e) {
            // Offered again when the catalog reports a change, or on the next stream.
            LOG.warn("uncataloged files could not be read for the Edge: {}", e.getMessage());
        }
    }

    private void offer(Link to, List<UncatalogedFile> candidates) {
        if (to.isClosed() || candidates.isEmpty()) {
            return;
        }
        for (FileOfferRequest batch : to.offers().claim(candidates)) {
            to.send(PeerMessage.newBuilder().setRequestId(nextId("offer")).setBatchFileOffer(batch).build());
            filesOffered.addAndGet(batch.getFilesCount());
        }
    }

    /** An offer answer, queued on a gRPC thread: stored on the offer thread with whatever else arrived meanwhile. */
    private void answered(Link from, FileOfferResponse answer) {
        answers.add(new Answer(from, answer));
        if (storing.compareAndSet(false, true)) {
            execute(offerThread, this::storeAnswers);
        }
    }

    /**
     * Matches every queued answer to the files offered on its stream and stores the ids in one transaction. An
     * answer from a stream that has since broke is stored too: its ids are the Edge's, and this thread reads the
     * next stream's first page only after storing them, so those files are not offered again.
     */
    private void storeAnswers() {
        storing.set(false);
        List<Answer> drained = new ArrayList<>();
        int files = 0;
        long last = 0;
        AnswerGate.Numbered<Answer> next;
        while ((next = answers.poll()) != null) {
            drained.add(next.answer());
            files += next.answer().response().getFilesCount();
            last = next.number();
        }
        Map<Long, String> ids = new HashMap<>(files * 4 / 3 + 1);
        Set<Link> from = new HashSet<>(2);
        for (Answer answer : drained) {
            from.add(answer.link());
            match(answer, ids);
        }
        try {
            if (!ids.isEmpty()) {
                filesCataloged.addAndGet(edgeCatalog.storeCatalogIds(ids));
            }
        } catch (CatalogException e) {
            // Not offered again on this stream (they were answered); the next stream offers them again.
            LOG.warn("storing {} catalog ids from the Edge failed: {}", ids.size(), e.getMessage());
        } finally {
            answers.stored(last);
        }
        from.forEach(this::pump);
    }

    private static void match(Answer answer, Map<Long, String> ids) {
        OfferBook book = answer.link().offers();
        int ignored = 0;
        List<String> examples = new ArrayList<>(3);
        for (CatalogedInfo info : answer.response().getFilesList()) {
            Long luid = book.answered(info.getRelativePath());
            if (luid == null || info.getCatalogId().isBlank()) {
                ignored++;
                if (examples.size() < 3) {
                    examples.add("'" + info.getRelativePath() + "' -> '" + info.getCatalogId() + "'");
                }
                continue;
            }
            ids.put(luid, info.getCatalogId());
        }
        if (ignored > 0) {
            LOG.warn("the Edge named {} path(s) this peer never offered on this stream, or gave no catalog id;"
                    + " ignored (e.g. {})", ignored, String.join(", ", examples));
        }
    }

    /** One offer answer and the stream it came on. */
    private record Answer(Link link, FileOfferResponse response) {
    }

    private void reportGone(Link to) {
        if (goneUnsent.isEmpty() || to.isClosed()) {
            return;
        }
        List<String> ids = List.copyOf(goneUnsent);
        to.send(PeerMessage.newBuilder().setRequestId(nextId("gone"))
                .setFilesGone(FilesGoneNotice.newBuilder().addAllCatalogIds(ids)).build());
        ids.forEach(goneUnsent::remove);
    }

    private void heartbeat(Link to) {
        try {
            long held = catalog.count(MediaQuery.firstPage(1));
            long uncataloged = edgeCatalog.countUncataloged();
            to.send(PeerMessage.newBuilder().setRequestId(nextId("hb")).setHeartbeat(PeerHeartbeat.newBuilder()
                    .setSentAtUnixMs(clock.millis())
                    .setFilesCataloged(held - uncataloged)
                    .setFilesUncataloged(uncataloged)
                    .setRequestsInProgress(to.requestsInProgress())
                    .setPeerVersion(peerVersion())).build());
        } catch (RuntimeException e) {
            // A failing catalog must not stop the heartbeats that keep the link alive.
            LOG.warn("heartbeat status could not be read: {}", e.toString());
            to.send(PeerMessage.newBuilder().setRequestId(nextId("hb"))
                    .setHeartbeat(PeerHeartbeat.newBuilder().setSentAtUnixMs(clock.millis())).build());
        }
    }

    private static String peerVersion() {
        String version = EdgeSession.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
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
