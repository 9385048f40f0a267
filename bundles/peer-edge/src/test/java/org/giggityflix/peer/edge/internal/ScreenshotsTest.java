package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.ScreenshotCaptureResponse;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code ScreenshotsTest} is responsible for proving a screenshot request ends as one authenticated multipart
 * upload of the ScreenshotService's JPEGs (parts file0..fileN-1, named screenshot_i.jpg), that an upload to a host that
 * is not the Edge's is refused unsent, that a missing service or its failure is answered with a reason, and that a
 * failing endpoint is retried a bounded number of times while a redirect is never followed.
 */
class ScreenshotsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** What the upload endpoint received: authorization header and body. */
    private record Upload(String authorization, String body) {
    }

    @TempDir
    Path dir;
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<Optional<ScreenshotService>> service = new AtomicReference<>();
    private HttpServer uploadServer;
    private TestEdge edge;
    private EdgeSession session;
    private PeerConnection peer;
    private String catalogId;
    /** A port where nothing listens. */
    private int closedPort;

    @BeforeEach
    void setUp() throws Exception {
        uploadServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        uploadServer.createContext("/upload", exchange -> {
            uploads.add(new Upload(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        uploadServer.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://elsewhere.example/upload");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        uploadServer.start();

        InMemoryCatalog catalog = new InMemoryCatalog();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mkv"), "a");
        MediaFile file = catalog.add(media, "a.mkv", 1);
        catalog.write(b -> b.metadata(file.luid(), new MediaMetadata(120.0, 1280, 720, "h264", "aac", 1L, 25.0, "mkv")));
        service.set(Optional.of(new FakeScreenshots(dir.resolve("cache"))));
        edge = TestEdge.start(0);
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // Uploads go to the Edge's host and port, or where the owner allows: here the test's endpoints.
        EdgeSettings settings = EdgeSettings.defaults(edge.address()).withUploadHosts(
                Set.of("localhost:" + uploadServer.getAddress().getPort(), "localhost:" + closedPort));
        session = new EdgeSession(settings, catalog, catalog, new SimpleHasher(catalog), "p", dir, service::get,
                s -> { });
        session.start();
        peer = edge.awaitPeer("p", WAIT);
        Await.until("catalog id", () -> catalog.listWithoutCatalogId().isEmpty());
        catalogId = catalog.find(file.luid()).flatMap(MediaFile::catalogId).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        edge.close();
        uploadServer.stop(0);
    }

    private String endpoint(String path) {
        return "http://localhost:" + uploadServer.getAddress().getPort() + path;
    }

    private ScreenshotCaptureResponse request(int quantity, String endpoint) throws Exception {
        return peer.awaitResponse(peer.screenshot(catalogId, quantity, endpoint, "tok-1"), WAIT)
                .getScreenshotCaptureResponse();
    }

    @Test
    void uploadsTheServicesPicturesInOneAuthenticatedMultipartPost() throws Exception {
        ScreenshotCaptureResponse answer = request(3, endpoint("/upload"));

        assertTrue(answer.getSuccess(), answer.getErrorMessage());
        assertEquals(3, answer.getUploadedCount());
        assertEquals(1, uploads.size());
        assertEquals("Bearer tok-1", uploads.get(0).authorization());
        String body = uploads.get(0).body();
        for (String expected : List.of("name=\"file0\"; filename=\"screenshot_0.jpg\"", "name=\"file1\"",
                "name=\"file2\"; filename=\"screenshot_2.jpg\"", "Content-Type: image/jpeg", "jpeg#0", "jpeg#2")) {
            assertTrue(body.contains(expected), "upload lacks " + expected);
        }
    }

    @Test
    void refusesToUploadToAHostThatIsNotTheEdges() throws Exception {
        ScreenshotCaptureResponse answer = request(2, "http://127.0.0.1:" + uploadServer.getAddress().getPort()
                + "/upload");

        assertFalse(answer.getSuccess());
        assertEquals(CatalogErrorReason.PERMISSION_DENIED, answer.getError());
        assertTrue(uploads.isEmpty(), "nothing was sent");
    }

    @Test
    void withoutTheServiceOrWhenItFailsTheEdgeIsToldWhy() throws Exception {
        service.set(Optional.empty());
        ScreenshotCaptureResponse absent = request(2, endpoint("/upload"));
        assertEquals(CatalogErrorReason.NOT_AVAILABLE, absent.getError());
        assertTrue(absent.getErrorMessage().contains("peer-screenshots"), absent.getErrorMessage());

        service.set(Optional.of((luid, count) -> {
            throw new ScreenshotException(ScreenshotException.Reason.FILE_GONE, "file " + luid + " is gone");
        }));
        ScreenshotCaptureResponse gone = request(2, endpoint("/upload"));
        assertEquals(CatalogErrorReason.FILE_GONE, gone.getError());
        assertEquals("file 1 is gone", gone.getErrorMessage());

        service.set(Optional.of(new FakeScreenshots(dir.resolve("cache"))));
        ScreenshotCaptureResponse tooMany = request(10_000, endpoint("/upload"));
        assertFalse(tooMany.getSuccess());
        assertTrue(tooMany.getErrorMessage().contains("1 to 50"), tooMany.getErrorMessage());
        assertTrue(uploads.isEmpty());
    }

    @Test
    void aFailingEndpointIsRetriedABoundedNumberOfTimes() throws Exception {
        failuresLeft.set(1);
        ScreenshotCaptureResponse recovered = request(1, endpoint("/upload"));
        assertTrue(recovered.getSuccess(), recovered.getErrorMessage());
        assertEquals(2, uploads.size());

        uploads.clear();
        failuresLeft.set(100);
        ScreenshotCaptureResponse failed = request(1, endpoint("/upload"));
        assertFalse(failed.getSuccess());
        assertEquals(CatalogErrorReason.PEER_ERROR, failed.getError());
        assertTrue(failed.getErrorMessage().contains("500"), failed.getErrorMessage());
        assertEquals(Screenshots.UPLOAD_ATTEMPTS, uploads.size());
    }

    @Test
    void aRedirectIsNotFollowedAndADownEndpointIsReported() throws Exception {
        ScreenshotCaptureResponse redirected = request(1, endpoint("/moved"));
        assertFalse(redirected.getSuccess());
        assertTrue(redirected.getErrorMessage().contains("307"), redirected.getErrorMessage());

        ScreenshotCaptureResponse down = request(1, "http://localhost:" + closedPort + "/upload");
        assertFalse(down.getSuccess());
        assertEquals(CatalogErrorReason.PEER_ERROR, down.getError());
        assertTrue(down.getErrorMessage().contains("could not be reached"), down.getErrorMessage());
    }

    /** Writes pictures whose bytes name their index, as the real service would hand out cached files. */
    private static final class FakeScreenshots implements ScreenshotService {

        private final Path cache;

        FakeScreenshots(Path cache) {
            this.cache = cache;
        }

        @Override
        public ScreenshotSet screenshots(long luid, int count) throws ScreenshotException {
            if (count < MIN_COUNT || count > MAX_COUNT) {
                throw new ScreenshotException(ScreenshotException.Reason.BAD_COUNT, "asks for 1 to 50, not " + count);
            }
            try {
                Files.createDirectories(cache);
                List<Screenshot> shots = new ArrayList<>();
                List<Double> positions = ScreenshotService.positions(120, count);
                for (int i = 0; i < count; i++) {
                    Path file = Files.writeString(cache.resolve(i + ".jpg"), "jpeg#" + i);
                    shots.add(new Screenshot(i, positions.get(i), positions.get(i), 2, 2, Files.size(file), file));
                }
                return new ScreenshotSet(luid, shots, false);
            } catch (IOException e) {
                throw new ScreenshotException(ScreenshotException.Reason.CAPTURE_FAILED, e.toString(), e);
            }
        }
    }
}
