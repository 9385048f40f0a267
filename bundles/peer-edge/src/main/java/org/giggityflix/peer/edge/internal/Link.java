package org.giggityflix.peer.edge.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.PeerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * {@code Link} is responsible for one attempt's stream to the Edge: its channel, the thread-safe sending side,
 * the offers awaiting an answer on it and the request ids being worked on. A link is never reused: a new attempt
 * is a new link, so answers that belong to a broken stream are recognised and dropped.
 */
final class Link implements ClientResponseObserver<PeerMessage, EdgeMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    /** What the session does with what the Edge sends and with the end of the stream. */
    interface Events {
        void received(Link link, EdgeMessage message);

        void ended(Link link, Status status);
    }

    private final ManagedChannel channel;
    private final Events events;
    private final Consumer<PeerMessage> sent;
    private final OfferBook offers = new OfferBook(EdgeConstants.MAX_OFFER_BATCH_BYTES);
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ClientCallStreamObserver<PeerMessage> toEdge;
    private volatile boolean closed;
    private volatile boolean up;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile Runnable onReady = () -> { };

    Link(ManagedChannel channel, Events events, Consumer<PeerMessage> sent) {
        this.channel = channel;
        this.events = events;
        this.sent = sent;
    }

    ManagedChannel channel() {
        return channel;
    }

    OfferBook offers() {
        return offers;
    }

    /** Marks a request id as being worked on; false when it already is (a duplicate). */
    boolean startRequest(String requestId) {
        return inFlight.add(requestId);
    }

    void endRequest(String requestId) {
        inFlight.remove(requestId);
    }

    int requestsInProgress() {
        return inFlight.size();
    }

    boolean isClosed() {
        return closed;
    }

    /** True once the Edge is known to have accepted the stream; returns whether this call made it so. */
    boolean markUp() {
        if (up || closed) {
            return false;
        }
        up = true;
        return true;
    }

    boolean isUp() {
        return up;
    }

    void heartbeat(ScheduledFuture<?> future) {
        this.heartbeat = future;
    }

    /** What to run each time the stream can take more after it could not (gRPC's onReady, on a gRPC thread). */
    void onReady(Runnable task) {
        this.onReady = task;
    }

    /** Whether gRPC can take another message without buffering it beyond its own small threshold. */
    boolean isReady() {
        ClientCallStreamObserver<PeerMessage> stream;
        synchronized (this) {
            stream = closed ? null : toEdge;
        }
        return stream != null && stream.isReady();
    }

    /** Sends unless the link is closed; gRPC's sending side is not thread-safe, so sends are serialised here. */
    void send(PeerMessage message) {
        synchronized (this) {
            if (closed || toEdge == null) {
                LOG.debug("not sent, the stream is closed: {} {}", message.getPayloadCase(), message.getRequestId());
                return;
            }
            try {
                toEdge.onNext(message);
            } catch (RuntimeException e) {
                LOG.debug("send failed on a closing stream: {}", e.toString());
                return;
            }
        }
        sent.accept(message);
    }

    /** Ends the stream and the channel; later callbacks of this link are ignored by the session. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ScheduledFuture<?> beat = heartbeat;
        if (beat != null) {
            beat.cancel(false);
        }
        channel.shutdownNow();
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<PeerMessage> requestStream) {
        synchronized (this) {
            this.toEdge = requestStream;
        }
        requestStream.setOnReadyHandler(() -> onReady.run());
    }

    @Override
    public void onNext(EdgeMessage message) {
        events.received(this, message);
    }

    @Override
    public void onError(Throwable t) {
        events.ended(this, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        events.ended(this, Status.UNAVAILABLE.withDescription("the Edge closed the stream"));
    }
}
