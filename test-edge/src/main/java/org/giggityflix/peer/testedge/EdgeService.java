package org.giggityflix.peer.testedge;

import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.stub.StreamObserver;

/**
 * {@code EdgeService} is responsible for the Edge's side of {@code AsyncOperations}: it registers each peer's
 * stream with the {@link TestEdge}, records every message, and answers file offers with catalog ids.
 */
final class EdgeService extends PeerEdgeServiceGrpc.PeerEdgeServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeService.class);

    private final TestEdge edge;

    EdgeService(TestEdge edge) {
        this.edge = edge;
    }

    @Override
    public StreamObserver<PeerMessage> asyncOperations(StreamObserver<EdgeMessage> toPeer) {
        String peerId = PeerIdInterceptor.PEER_ID_CONTEXT.get();
        PeerConnection connection = edge.connected(peerId, toPeer);
        LOG.info("peer '{}' connected", peerId);
        return new StreamObserver<>() {
            @Override
            public void onNext(PeerMessage message) {
                LOG.info("from '{}': {} {}", peerId, message.getPayloadCase(), message.getRequestId());
                if (!message.hasBatchFileOffer() || edge.recordsOffers()) {
                    connection.record(message);
                    edge.recorded(peerId, message);
                }
                if (message.hasBatchFileOffer() && edge.answersOffers()) {
                    edge.answerOffer(connection, message);
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.info("peer '{}' stream failed: {}", peerId, t.toString());
                edge.disconnected(connection);
            }

            @Override
            public void onCompleted() {
                LOG.info("peer '{}' closed its stream", peerId);
                edge.disconnected(connection);
                synchronized (toPeer) {
                    toPeer.onCompleted();
                }
            }
        };
    }
}
