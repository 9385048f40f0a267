package org.giggityflix.peer.testedge;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * {@code PeerIdInterceptor} is responsible for the Edge's admission rule: a stream without {@code peer_id}
 * metadata is refused (UNAUTHENTICATED), as is one the test Edge was told to refuse.
 */
final class PeerIdInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> PEER_ID = Metadata.Key.of("peer_id", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> PEER_ID_CONTEXT = Context.key("peer_id");

    private static final Logger LOG = LoggerFactory.getLogger(PeerIdInterceptor.class);

    /** Decides, per peer id, whether to refuse the stream (null = accept). */
    private final Function<String, Status> admission;
    private final Runnable onRefusal;

    PeerIdInterceptor(Function<String, Status> admission, Runnable onRefusal) {
        this.admission = admission;
        this.onRefusal = onRefusal;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String peerId = headers.get(PEER_ID);
        Status refusal = peerId == null || peerId.isBlank()
                ? Status.UNAUTHENTICATED.withDescription("missing peer_id metadata")
                : admission.apply(peerId);
        if (refusal != null) {
            LOG.info("refusing stream from peer '{}': {}", peerId, refusal);
            onRefusal.run();
            call.close(refusal, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(PEER_ID_CONTEXT, peerId), call, headers, next);
    }
}
