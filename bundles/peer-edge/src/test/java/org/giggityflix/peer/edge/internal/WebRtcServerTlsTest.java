package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.testedge.TestCertificate;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

/**
 * Proves the unary WebRTC server speaks TLS when given a certificate and key (an Edge trusting it is served, a
 * plaintext caller is not), and with a client CA serves only callers presenting a certificate it signed.
 */
class WebRtcServerTlsTest {

    @TempDir
    static Path certs;
    private static TestCertificate peerCert;
    private static TestCertificate edgeCert;
    private static TestCertificate strangerCert;

    @TempDir
    Path root;
    private WebRtcServer server;
    private ManagedChannel channel;

    @BeforeAll
    static void makeCertificates() throws Exception {
        peerCert = TestCertificate.create(certs, "peer");
        edgeCert = TestCertificate.create(certs, "edge");
        strangerCert = TestCertificate.create(certs, "stranger");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(Optional<Path> clientCa) throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        Files.writeString(root.resolve("a.mkv"), "x");
        long luid = catalog.add(root, "a.mkv", 1).luid();
        catalog.write(b -> b.catalogId(luid, "c-a"));
        EdgeWebRtcTest.FakeTransport transport = new EdgeWebRtcTest.FakeTransport();
        server = WebRtcServer.start(new WebRtcServerSettings(true, "127.0.0.1", 0, Optional.of(peerCert.certPem()),
                Optional.of(peerCert.keyPem()), clientCa, List.of()), catalog, () -> transport);
    }

    private PeerWebRTCMessage call(ManagedChannel over) {
        channel = over;
        return PeerEdgeServiceGrpc.newBlockingStub(over).withDeadlineAfter(20, TimeUnit.SECONDS)
                .webRTCOperations(EdgeWebRTCMessage.newBuilder().setRequestId("r1").setStreamSessionRequest(
                        StreamSessionRequest.newBuilder().setCatalogId("c-a").setSessionId("s1")).build());
    }

    private ManagedChannel tls(Optional<TestCertificate> client) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(peerCert.certPem().toFile());
        client.ifPresent(c -> ssl.keyManager(c.certPem().toFile(), c.keyPem().toFile()));
        return NettyChannelBuilder.forAddress("localhost", server.port()).sslContext(ssl.build()).build();
    }

    @Test
    void anEdgeTrustingThePeerCertificateIsServedAndPlaintextIsNot() throws Exception {
        start(Optional.empty());

        assertTrue(call(tls(Optional.empty())).getStreamSessionResponse().getSuccess());

        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        StatusRuntimeException plain = assertThrows(StatusRuntimeException.class,
                () -> call(NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build()));
        assertEquals(Status.Code.UNAVAILABLE, plain.getStatus().getCode());
    }

    @Test
    void withAClientCaOnlyCallersItSignedAreServed() throws Exception {
        start(Optional.of(edgeCert.certPem()));

        assertTrue(call(tls(Optional.of(edgeCert))).getStreamSessionResponse().getSuccess());

        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertThrows(StatusRuntimeException.class, () -> call(tls(Optional.of(strangerCert))));
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertThrows(StatusRuntimeException.class, () -> call(tls(Optional.empty())));
    }
}
