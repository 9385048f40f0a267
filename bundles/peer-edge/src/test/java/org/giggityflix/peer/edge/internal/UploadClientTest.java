package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.giggityflix.peer.testedge.TestCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * {@code UploadClientTest} is responsible for proving an upload connects to the address its policy checked, not to
 * whatever the name resolves to later (a name no DNS knows still reaches the checked address), sends the Host the URL
 * names, never follows a redirect, and over https checks the certificate against the host name.
 */
class UploadClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(HttpServer s) {
        server = s;
        s.createContext("/upload", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        s.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/upload");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        s.start();
        return s.getAddress().getPort();
    }

    /** The Edge at {@code name}, which only our resolver knows: 127.0.0.1. */
    private static UploadPolicy.Target target(String url, String name, int port) {
        UploadPolicy policy = new UploadPolicy(name, port, Set.of(), false,
                host -> host.equals(name) ? List.of(InetAddress.getLoopbackAddress()) : List.of());
        return policy.check(url).target().orElseThrow();
    }

    @Test
    void connectsToTheCheckedAddressWithoutResolvingTheNameAgain() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        UploadClient client = new UploadClient(SSLContext.getDefault());

        int status = client.post(target("http://edge.invalid:" + port + "/upload", "edge.invalid", port),
                Map.of("Authorization", "Bearer t"), "pictures".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        assertEquals(201, status);
        assertEquals(List.of("edge.invalid:" + port + " Bearer t pictures"), received);
    }

    @Test
    void aRedirectIsAnAnswerNotADetour() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        UploadClient client = new UploadClient(SSLContext.getDefault());

        int status = client.post(target("http://edge.invalid:" + port + "/moved", "edge.invalid", port), Map.of(),
                new byte[1], TIMEOUT);

        assertEquals(302, status);
        assertTrue(received.isEmpty(), "the Location was not visited");
    }

    @Test
    void httpsChecksTheCertificateAgainstTheHostName() throws Exception {
        TestCertificate cert = TestCertificate.create(dir, "uploads");
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls(cert)));
        int port = serve(https);
        UploadClient client = new UploadClient(clientTrusting(cert));

        assertEquals(201, client.post(target("https://localhost:" + port + "/upload", "localhost", port), Map.of(),
                "a".getBytes(StandardCharsets.UTF_8), TIMEOUT));
        assertEquals(1, received.size());

        // The same server and certificate (for localhost) reached under another name: refused before sending.
        assertThrows(SSLException.class, () -> client.post(
                target("https://edge.invalid:" + port + "/upload", "edge.invalid", port), Map.of(),
                "b".getBytes(StandardCharsets.UTF_8), TIMEOUT));
        assertEquals(1, received.size());
    }

    @Test
    void aHeaderThatWouldEndItsLineEarlyIsNotSent() {
        UploadClient client = new UploadClient(null);
        assertThrows(IllegalArgumentException.class, () -> client.post(
                target("http://edge.invalid:1/upload", "edge.invalid", 1),
                Map.of("Authorization", "Bearer t\r\nX-Evil: 1"), new byte[0], TIMEOUT));
    }

    private static SSLContext serverTls(TestCertificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(cert.keyPem())
                .replaceAll("-----[A-Z ]+-----", ""));
        store.setKeyEntry("uploads", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                new char[0], new Certificate[] {certificate(cert)});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientTrusting(TestCertificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("uploads", certificate(cert));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Certificate certificate(TestCertificate cert) throws IOException, Exception {
        try (var in = Files.newInputStream(cert.certPem())) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
