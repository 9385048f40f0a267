package org.giggityflix.peer.edge.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.giggityflix.peer.osgi.common.NamedThreads;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.RequestError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EdgeDispatch} is responsible for the Edge's requests: refusing with a {@code RequestError} what cannot be
 * answered (no payload, a payload this peer does not know, a missing or duplicate request id, too many at once),
 * running the rest on a bounded pool once the catalog ids offered before them are stored, WebRTC signaling through
 * {@link EdgeWebRtc} and everything else through {@link EdgeRequests}, and answering each request on the link it
 * came on.
 */
final class EdgeDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeDispatch.class);

    private final AnswerGate<?> answers;
    private final Supplier<Duration> timeout;
    private final ThreadPoolExecutor workers;
    private volatile EdgeRequests requests;
    private volatile EdgeWebRtc webrtc;

    /**
     * @param answers the offer answers' gate: a request waits (at most {@code timeout}) for the ones before it
     * @param timeout how long a request waits for earlier catalog ids to be stored
     */
    EdgeDispatch(EdgeRequests requests, int maxConcurrentRequests, AnswerGate<?> answers,
                 Supplier<Duration> timeout) {
        this.requests = requests;
        this.answers = answers;
        this.timeout = timeout;
        this.workers = new ThreadPoolExecutor(maxConcurrentRequests, maxConcurrentRequests, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(EdgeConstants.REQUEST_QUEUE), new NamedThreads("edge-request"));
    }

    /** Requests that arrive from now on are answered by {@code next}, at most {@code size} at once. */
    void update(EdgeRequests next, int size) {
        requests = next;
        if (size > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(size);
            workers.setCorePoolSize(size);
        } else {
            workers.setCorePoolSize(size);
            workers.setMaximumPoolSize(size);
        }
    }

    /** Relays WebRTC signaling requests to {@code relay}. */
    void webrtc(EdgeWebRtc relay) {
        webrtc = relay;
    }

    /** The WebRTC relay, if any (told when a link closes). */
    Optional<EdgeWebRtc> webrtc() {
        return Optional.ofNullable(webrtc);
    }

    /** Runs {@code request} on the pool, or refuses it at once (no request id, a duplicate, too many at once). */
    void submit(Link from, EdgeMessage request) {
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
            if (!answers.awaitStored(ticket, timeout.get())) {
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

    /** Answers {@code request} with a {@code RequestError} of {@code reason} on the link it came on. */
    void refuse(Link from, EdgeMessage request, RequestError.Reason reason) {
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

    /** Stops the pool; requests running are interrupted. */
    void close() {
        workers.shutdownNow();
    }
}
