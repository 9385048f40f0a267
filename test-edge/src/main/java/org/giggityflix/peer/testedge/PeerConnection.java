package org.giggityflix.peer.testedge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.giggityflix.peer.proto.CatalogAnnouncementRequest;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.FileDeleteRequest;
import org.giggityflix.peer.proto.FileHashRequest;
import org.giggityflix.peer.proto.FileRemapRequest;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.ScreenshotCaptureRequest;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * {@code PeerConnection} is responsible for one peer's open {@code AsyncOperations} stream on the test Edge: it
 * records what the peer sent, sends scripted requests, and waits for the answers by request id.
 */
public final class PeerConnection {

    private final String peerId;
    private final StreamObserver<EdgeMessage> toPeer;
    private final Waiter waiter;
    private final List<PeerMessage> received = new ArrayList<>();
    private final Map<String, String> catalogIds = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong(1);
    private volatile boolean open = true;

    PeerConnection(String peerId, StreamObserver<EdgeMessage> toPeer, Waiter waiter) {
        this.peerId = peerId;
        this.toPeer = toPeer;
        this.waiter = waiter;
    }

    public String peerId() {
        return peerId;
    }

    public boolean isOpen() {
        return open;
    }

    /** Everything the peer sent on this stream, in order. */
    public List<PeerMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Relative path to the catalog id this Edge gave it on this stream. */
    public Map<String, String> catalogIds() {
        return Map.copyOf(catalogIds);
    }

    /** Sends a request; a missing request id is filled in. Returns the request id. */
    public String send(EdgeMessage.Builder message) {
        if (message.getRequestId().isEmpty()) {
            message.setRequestId("edge-req-" + nextRequest.getAndIncrement());
        }
        if (message.getEdgeId().isEmpty()) {
            message.setEdgeId("test-edge");
        }
        sendExactly(message.build());
        return message.getRequestId();
    }

    /** Sends a message as it is (empty request id, empty payload...), for bad-input tests. */
    public void sendExactly(EdgeMessage message) {
        synchronized (toPeer) {
            toPeer.onNext(message);
        }
    }

    public String announce() {
        return send(EdgeMessage.newBuilder().setCatalogAnnouncementRequest(CatalogAnnouncementRequest.getDefaultInstance()));
    }

    public String hash(String catalogId, String... hashTypes) {
        return send(EdgeMessage.newBuilder().setFileHashRequest(
                FileHashRequest.newBuilder().setCatalogId(catalogId).addAllHashTypes(List.of(hashTypes))));
    }

    public String delete(String... catalogIds) {
        return send(EdgeMessage.newBuilder().setFileDeleteRequest(
                FileDeleteRequest.newBuilder().addAllCatalogIds(List.of(catalogIds))));
    }

    public String remap(String oldCatalogId, String newCatalogId) {
        return send(EdgeMessage.newBuilder().setFileRemapRequest(
                FileRemapRequest.newBuilder().setOldCatalogId(oldCatalogId).setNewCatalogId(newCatalogId)));
    }

    public String screenshot(String catalogId, int quantity, String uploadEndpoint, String uploadToken) {
        return send(EdgeMessage.newBuilder().setScreenshotCaptureRequest(ScreenshotCaptureRequest.newBuilder()
                .setCatalogId(catalogId).setQuantity(quantity)
                .setUploadEndpoint(uploadEndpoint).setUploadToken(uploadToken)));
    }

    public String webrtc(EdgeWebRTCMessage signal) {
        return send(EdgeMessage.newBuilder().setEdgeWebrtc(signal));
    }

    /** The first answer carrying {@code requestId}. */
    public PeerMessage awaitResponse(String requestId, Duration timeout) throws TimeoutException, InterruptedException {
        return awaitResponses(requestId, 1, timeout).get(0);
    }

    /** The first {@code count} answers carrying {@code requestId} (a delete answers once per id). */
    public List<PeerMessage> awaitResponses(String requestId, int count, Duration timeout)
            throws TimeoutException, InterruptedException {
        return waiter.await(() -> {
            List<PeerMessage> matching = matching(m -> m.getRequestId().equals(requestId));
            return matching.size() >= count ? matching.subList(0, count) : null;
        }, timeout, count + " answer(s) to request " + requestId + " from peer " + peerId);
    }

    /** The first message received that matches {@code test}. */
    public PeerMessage awaitMessage(Predicate<PeerMessage> test, Duration timeout, String what)
            throws TimeoutException, InterruptedException {
        return waiter.await(() -> matching(test).stream().findFirst().orElse(null), timeout, what);
    }

    public List<PeerMessage> matching(Predicate<PeerMessage> test) {
        return received().stream().filter(test).toList();
    }

    /** Ends the stream from the Edge's side, as an Edge that drops a peer would. */
    public void drop(Status status) {
        open = false;
        synchronized (toPeer) {
            toPeer.onError(status.asRuntimeException());
        }
        waiter.changed();
    }

    void record(PeerMessage message) {
        synchronized (received) {
            received.add(message);
        }
        waiter.changed();
    }

    void rememberCatalogId(String relativePath, String catalogId) {
        catalogIds.put(relativePath, catalogId);
    }

    void closed() {
        open = false;
        waiter.changed();
    }
}
