package org.giggityflix.peer.testedge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.giggityflix.peer.proto.CatalogedInfo;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.FileOfferResponse;
import org.giggityflix.peer.proto.PeerMessage;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;

/**
 * {@code TestEdge} is responsible for being a real, scriptable Edge server on localhost: a gRPC server speaking
 * the project's contract that admits peers by {@code peer_id}, gives catalog ids to offered files, records every
 * message across restarts, and lets a test send requests and await their answers.
 *
 * <p>Use from a test: {@code try (TestEdge edge = TestEdge.start(0)) { ... edge.awaitPeer("p1", timeout) ... }};
 * run by hand: {@link TestEdgeMain}.
 */
public final class TestEdge implements AutoCloseable {

    private final Waiter waiter = new Waiter();
    private final Map<String, PeerConnection> peers = new ConcurrentHashMap<>();
    private final Map<String, String> catalogIds = new ConcurrentHashMap<>();
    private final List<PeerMessage> received = new ArrayList<>();
    private final AtomicLong nextCatalogId = new AtomicLong(1);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Status refuseWith;
    private volatile boolean answerOffers = true;
    private volatile boolean recordOffers = true;
    private final TestCertificate tls;
    private final TestCertificate trustedClient;
    private volatile Server server;
    private int port;

    private TestEdge(int port, TestCertificate tls, TestCertificate trustedClient) {
        this.port = port;
        this.tls = tls;
        this.trustedClient = trustedClient;
    }

    /** Starts an Edge on {@code port} (0 picks a free one) on the loopback interface. */
    public static TestEdge start(int port) throws IOException {
        TestEdge edge = new TestEdge(port, null, null);
        edge.listen();
        return edge;
    }

    /** Starts an Edge that only speaks TLS, serving {@code certificate}. */
    public static TestEdge startTls(int port, TestCertificate certificate) throws IOException {
        TestEdge edge = new TestEdge(port, certificate, null);
        edge.listen();
        return edge;
    }

    /** Starts an Edge that speaks only mutual TLS: it requires a client certificate signed as {@code client}. */
    public static TestEdge startMutualTls(int port, TestCertificate certificate, TestCertificate client)
            throws IOException {
        TestEdge edge = new TestEdge(port, certificate, client);
        edge.listen();
        return edge;
    }

    private void listen() throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerInterceptors.intercept(new EdgeService(this),
                        new PeerIdInterceptor(this::admission, this::countRefusal)));
        if (tls != null) {
            SslContextBuilder context = GrpcSslContexts.forServer(tls.certPem().toFile(), tls.keyPem().toFile());
            if (trustedClient != null) {
                context.trustManager(trustedClient.certPem().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            builder.sslContext(context.build());
        }
        Server started = builder.build().start();
        port = started.getPort();
        server = started;
    }

    public int port() {
        return port;
    }

    /** {@code localhost:port}, as EDGE_GRPC_ADDRESS takes it. */
    public String address() {
        return "localhost:" + port;
    }

    /** Stops listening and cuts every stream, as an Edge that crashed; what was recorded is kept. */
    public void stop() throws InterruptedException {
        Server running = server;
        if (running != null) {
            running.shutdownNow();
            running.awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
        peers.values().forEach(PeerConnection::closed);
        peers.clear();
        waiter.changed();
    }

    /** Listens again on the same port after {@link #stop()}. */
    public void restart() throws IOException {
        listen();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** From now on refuse every stream with {@code status} (null accepts again). */
    public void refuseWith(Status status) {
        this.refuseWith = status;
    }

    /**
     * Whether offers and their answers are kept ({@link #received()}, {@link #offeredFiles()},
     * {@link PeerConnection#catalogIds()}; on by default). Benchmarks turn it off: a real Edge does not hold every
     * offer it was sent, and 100,000 kept files make this JVM's collections slower.
     */
    public void recordOffers(boolean record) {
        this.recordOffers = record;
    }

    /** Whether offers are answered with catalog ids (on by default). */
    public void answerOffers(boolean answer) {
        this.answerOffers = answer;
    }

    public Optional<PeerConnection> peer(String peerId) {
        return Optional.ofNullable(peers.get(peerId));
    }

    /** Waits until {@code peerId} has an open stream to this Edge. */
    public PeerConnection awaitPeer(String peerId, Duration timeout) throws TimeoutException, InterruptedException {
        return waiter.await(() -> {
            PeerConnection c = peers.get(peerId);
            return c != null && c.isOpen() ? c : null;
        }, timeout, "peer " + peerId + " to connect");
    }

    /** Waits until at least {@code count} streams were refused. */
    public int awaitRefusals(int count, Duration timeout) throws TimeoutException, InterruptedException {
        return waiter.await(() -> refused.get() >= count ? refused.get() : null, timeout, count + " refusals");
    }

    /** Streams accepted since this Edge was created (restarts included). */
    public int acceptedStreams() {
        return accepted.get();
    }

    public int refusedStreams() {
        return refused.get();
    }

    /** Every message any peer sent, across restarts, in arrival order. */
    public List<PeerMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Every file offered by any peer, across restarts, in arrival order (a file offered twice appears twice). */
    public List<FileInfo> offeredFiles() {
        return received().stream().filter(PeerMessage::hasBatchFileOffer)
                .flatMap(m -> m.getBatchFileOffer().getFilesList().stream()).toList();
    }

    /** Waits until at least {@code count} files were offered in total. */
    public List<FileInfo> awaitOffered(int count, Duration timeout) throws TimeoutException, InterruptedException {
        return waiter.await(() -> {
            List<FileInfo> offered = offeredFiles();
            return offered.size() >= count ? offered : null;
        }, timeout, count + " offered files");
    }

    /** The catalog id this Edge gave (or will give) a peer's path; stable across restarts. */
    public String catalogIdFor(String peerId, String relativePath) {
        return catalogIds.computeIfAbsent(peerId + "\n" + relativePath, k -> "cat-" + nextCatalogId.getAndIncrement());
    }

    /**
     * Answers {@code offer} (a {@code batch_file_offer} the peer sent on {@code connection}) as this Edge does on its
     * own while {@link #answerOffers} is on: one catalog id per file, stable per peer and path. For tests that hold
     * answers back and release them later.
     */
    public void answerOffer(PeerConnection connection, PeerMessage offer) {
        FileOfferResponse.Builder answer = FileOfferResponse.newBuilder();
        for (FileInfo file : offer.getBatchFileOffer().getFilesList()) {
            String id = catalogIdFor(connection.peerId(), file.getRelativePath());
            if (recordOffers) {
                connection.rememberCatalogId(file.getRelativePath(), id);
            }
            answer.addFiles(CatalogedInfo.newBuilder().setRelativePath(file.getRelativePath()).setCatalogId(id));
        }
        connection.sendExactly(EdgeMessage.newBuilder().setRequestId(offer.getRequestId()).setEdgeId("test-edge")
                .setBatchFileOfferResponse(answer).build());
    }

    boolean recordsOffers() {
        return recordOffers;
    }

    boolean answersOffers() {
        return answerOffers;
    }

    private Status admission(String peerId) {
        Status forced = refuseWith;
        if (forced != null) {
            return forced;
        }
        PeerConnection existing = peers.get(peerId);
        if (existing != null && existing.isOpen()) {
            return Status.PERMISSION_DENIED.withDescription("peer id " + peerId + " is already connected");
        }
        return null;
    }

    private void countRefusal() {
        refused.incrementAndGet();
        waiter.changed();
    }

    PeerConnection connected(String peerId, StreamObserver<EdgeMessage> toPeer) {
        PeerConnection connection = new PeerConnection(peerId, toPeer, waiter);
        peers.put(peerId, connection);
        accepted.incrementAndGet();
        waiter.changed();
        return connection;
    }

    void disconnected(PeerConnection connection) {
        connection.closed();
        peers.remove(connection.peerId(), connection);
        waiter.changed();
    }

    void recorded(String peerId, PeerMessage message) {
        synchronized (received) {
            received.add(message);
        }
        waiter.changed();
    }
}
