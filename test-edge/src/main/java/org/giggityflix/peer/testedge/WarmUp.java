package org.giggityflix.peer.testedge;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.FileOfferRequest;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * {@code WarmUp} is responsible for running a freshly started test Edge's offer path before a benchmark measures a
 * peer against it: a real Edge is a long-running server whose code is compiled, while a new JVM interprets its first
 * hundred thousand answers. It connects over loopback as peer {@code warm-up}, offers files, awaits every answer and
 * hangs up.
 */
final class WarmUp {

    private WarmUp() {
    }

    /** {@code rounds} offers of {@code filesPerOffer} files each, answered, on one stream to {@code edge}. */
    static void run(TestEdge edge, int rounds, int filesPerOffer) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", edge.port()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(PeerIdInterceptor.PEER_ID, "warm-up");
            CountDownLatch answered = new CountDownLatch(rounds);
            StreamObserver<PeerMessage> toEdge = PeerEdgeServiceGrpc.newStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .asyncOperations(new StreamObserver<>() {
                        @Override
                        public void onNext(EdgeMessage message) {
                            if (message.hasBatchFileOfferResponse()) {
                                answered.countDown();
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            while (answered.getCount() > 0) {
                                answered.countDown();
                            }
                        }

                        @Override
                        public void onCompleted() {
                            onError(null);
                        }
                    });
            for (int round = 0; round < rounds; round++) {
                FileOfferRequest.Builder offer = FileOfferRequest.newBuilder();
                for (int i = 0; i < filesPerOffer; i++) {
                    offer.addFiles(FileInfo.newBuilder()
                            .setRelativePath(String.format("warm-up/%03d/file-%05d.mp4", round, i)).setSizeBytes(i));
                }
                toEdge.onNext(PeerMessage.newBuilder().setRequestId("warm-up-" + round).setBatchFileOffer(offer)
                        .build());
            }
            answered.await(2, TimeUnit.MINUTES);
            toEdge.onCompleted();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
