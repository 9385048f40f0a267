package org.giggityflix.peer.testedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.FileHashResponse;
import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.FileOfferRequest;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * {@code TestEdgeTest} is responsible for proving the test Edge behaves like the Edge the contract describes,
 * using a bare gRPC client as the peer: admission by peer_id, catalog ids for offers, scripted requests.
 */
class TestEdgeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestEdge edge;
    private ManagedChannel channel;
    private final LinkedBlockingQueue<Object> fromEdge = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        edge = TestEdge.start(0);
        channel = NettyChannelBuilder.forAddress("localhost", edge.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        edge.close();
    }

    private StreamObserver<PeerMessage> open(String peerId) {
        PeerEdgeServiceGrpc.PeerEdgeServiceStub stub = PeerEdgeServiceGrpc.newStub(channel);
        if (peerId != null) {
            Metadata headers = new Metadata();
            headers.put(PeerIdInterceptor.PEER_ID, peerId);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return stub.asyncOperations(new StreamObserver<>() {
            @Override
            public void onNext(EdgeMessage value) {
                fromEdge.add(value);
            }

            @Override
            public void onError(Throwable t) {
                fromEdge.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                fromEdge.add(Status.OK);
            }
        });
    }

    @Test
    void refusesAStreamWithoutPeerId() throws Exception {
        open(null).onNext(PeerMessage.newBuilder().setRequestId("x").build());
        Object answer = fromEdge.poll(10, TimeUnit.SECONDS);
        assertTrue(answer instanceof Status, "stream ended, got " + answer);
        assertEquals(Status.Code.UNAUTHENTICATED, ((Status) answer).getCode());
        assertEquals(1, edge.refusedStreams());
    }

    @Test
    void answersAnOfferWithCatalogIdsUnderTheOffersRequestId() throws Exception {
        StreamObserver<PeerMessage> toEdge = open("peer-1");
        toEdge.onNext(PeerMessage.newBuilder().setRequestId("offer-1").setBatchFileOffer(FileOfferRequest.newBuilder()
                .addFiles(FileInfo.newBuilder().setRelativePath("a.mkv").setSizeBytes(10))
                .addFiles(FileInfo.newBuilder().setRelativePath("b/c.mp4").setSizeBytes(20))).build());

        EdgeMessage answer = (EdgeMessage) fromEdge.poll(10, TimeUnit.SECONDS);
        assertEquals("offer-1", answer.getRequestId());
        assertEquals(2, answer.getBatchFileOfferResponse().getFilesCount());
        assertEquals(edge.catalogIdFor("peer-1", "b/c.mp4"),
                answer.getBatchFileOfferResponse().getFiles(1).getCatalogId());
        assertEquals(2, edge.offeredFiles().size());
    }

    @Test
    void scriptsARequestAndAwaitsItsAnswerByRequestId() throws Exception {
        StreamObserver<PeerMessage> toEdge = open("peer-2");
        PeerConnection peer = edge.awaitPeer("peer-2", WAIT);
        String requestId = peer.hash("cat-9", "md5");

        EdgeMessage request = (EdgeMessage) fromEdge.poll(10, TimeUnit.SECONDS);
        assertEquals(requestId, request.getRequestId());
        assertEquals("cat-9", request.getFileHashRequest().getCatalogId());
        toEdge.onNext(PeerMessage.newBuilder().setRequestId("unrelated").build());
        toEdge.onNext(PeerMessage.newBuilder().setRequestId(requestId)
                .setFileHashResponse(FileHashResponse.newBuilder().setCatalogId("cat-9").setSuccess(true)).build());

        PeerMessage answer = peer.awaitResponse(requestId, WAIT);
        assertTrue(answer.getFileHashResponse().getSuccess());
    }

    @Test
    void refusesASecondStreamForAConnectedPeerId() throws Exception {
        open("twin");
        edge.awaitPeer("twin", WAIT);
        open("twin");
        Object answer = fromEdge.poll(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.PERMISSION_DENIED, ((Status) answer).getCode());
    }
}
