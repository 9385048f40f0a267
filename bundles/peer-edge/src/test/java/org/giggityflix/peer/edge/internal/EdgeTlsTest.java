package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.testedge.TestCertificate;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EdgeTlsTest} is responsible for proving the link works over TLS with a trusted certificate, and that a
 * certificate or protocol mismatch fails with a message that says it is about TLS.
 */
class EdgeTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path certs;
    private static TestCertificate edgeCert;
    private static TestCertificate strangerCert;

    @TempDir
    Path dir;
    private InMemoryCatalog catalog;
    private EdgeSession session;
    private TestEdge edge;

    @BeforeAll
    static void makeCertificates() throws Exception {
        edgeCert = TestCertificate.create(certs, "edge");
        strangerCert = TestCertificate.create(certs, "stranger");
    }

    @BeforeEach
    void setUp() throws Exception {
        catalog = new InMemoryCatalog();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mkv"), "a");
        catalog.add(media, "a.mkv", 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    private void start(EdgeSettings settings) {
        session = new EdgeSession(settings.withReconnect(Duration.ofSeconds(30), 1), catalog, catalog,
                new SimpleHasher(catalog), "tls-peer", dir, Optional::empty, s -> { });
        session.start();
    }

    @Test
    void connectsOverTlsWhenTheEdgeCertificateIsTrusted() throws Exception {
        edge = TestEdge.startTls(0, edgeCert);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(edgeCert.certPem())));

        edge.awaitPeer("tls-peer", WAIT);
        Await.until("the offer over TLS to be answered", () -> catalog.listWithoutCatalogId().isEmpty());
    }

    @Test
    void presentsItsClientCertificateToAnEdgeThatRequiresOne() throws Exception {
        edge = TestEdge.startMutualTls(0, edgeCert, strangerCert);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(edgeCert.certPem()))
                .withClientCertificate(strangerCert.certPem(), strangerCert.keyPem()));

        edge.awaitPeer("tls-peer", WAIT);
        Await.until("the offer over mutual TLS to be answered", () -> catalog.listWithoutCatalogId().isEmpty());
    }

    @Test
    void withoutAClientCertificateAMutualTlsEdgeIsNotReached() throws Exception {
        edge = TestEdge.startMutualTls(0, edgeCert, strangerCert);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(edgeCert.certPem())));

        Await.until(() -> "a message asking for a client certificate, got " + session.status().lastError(),
                () -> session.status().lastError().filter(e -> e.contains("client certificate")).isPresent());
        assertTrue(edge.peer("tls-peer").isEmpty());
        assertNotEquals(EdgeState.CONNECTED, session.state());
    }

    @Test
    void anUntrustedCertificateFailsWithATlsMessage() throws Exception {
        edge = TestEdge.startTls(0, edgeCert);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(strangerCert.certPem())));

        Await.until(() -> "a TLS error, got " + session.status().lastError(),
                () -> session.status().lastError()
                        .filter(e -> e.contains("TLS handshake") && e.contains("not trusted")).isPresent());
        assertNotEquals(EdgeState.CONNECTED, session.state());
        assertTrue(edge.peer("tls-peer").isEmpty());
    }

    @Test
    void tlsAgainstAPlaintextEdgeFailsWithATlsMessage() throws Exception {
        edge = TestEdge.start(0);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(edgeCert.certPem())));

        Await.until(() -> "a TLS error, got " + session.status().lastError(),
                () -> session.status().lastError().filter(e -> e.contains("does not answer in TLS")).isPresent());
        assertTrue(edge.peer("tls-peer").isEmpty());
    }

    @Test
    void anUnreadableCertificateFileIsReportedAsSuch() throws Exception {
        edge = TestEdge.startTls(0, edgeCert);
        start(EdgeSettings.defaults(edge.address()).withTls(Optional.of(dir.resolve("missing.pem"))));

        Await.until(() -> "a certificate error, got " + session.status().lastError(),
                () -> session.status().lastError().filter(e -> e.contains("certPath")).isPresent());
    }

}
