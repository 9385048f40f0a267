package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.ScreenshotCaptureResponse;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code ScreenshotsTest} is responsible for proving a screenshot request ends as one authenticated multipart
 * upload of JPEGs named file0..fileN-1, and that an upload to a host that is not the Edge's is refused unsent.
 */
class ScreenshotsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** What the upload endpoint received: authorization header and body. */
    private record Upload(String authorization, String body) {
    }

    @TempDir
    Path dir;
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private HttpServer uploadServer;
    private TestEdge edge;
    private EdgeSession session;
    private PeerConnection peer;
    private String catalogId;

    @BeforeEach
    void setUp() throws Exception {
        uploadServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        uploadServer.createContext("/upload", exchange -> {
            uploads.add(new Upload(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        uploadServer.start();

        InMemoryCatalog catalog = new InMemoryCatalog();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mkv"), "a");
        MediaFile file = catalog.add(media, "a.mkv", 1);
        catalog.write(b -> b.metadata(file.luid(), new MediaMetadata(120.0, 1280, 720, "h264", "aac", 1L, 25.0, "mkv")));
        edge = TestEdge.start(0);
        session = new EdgeSession(EdgeSettings.defaults(edge.address()), catalog, new SimpleHasher(catalog), "p", dir,
                () -> List.of(new FakeFrames()), s -> { });
        session.start();
        peer = edge.awaitPeer("p", WAIT);
        Await.until(() -> catalog.listWithoutCatalogId().isEmpty(), "catalog id");
        catalogId = catalog.find(file.luid()).flatMap(MediaFile::catalogId).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        edge.close();
        uploadServer.stop(0);
    }

    @Test
    void uploadsTheFramesInOneAuthenticatedMultipartPost() throws Exception {
        String endpoint = "http://localhost:" + uploadServer.getAddress().getPort() + "/upload";

        ScreenshotCaptureResponse answer = peer.awaitResponse(peer.screenshot(catalogId, 3, endpoint, "tok-1"), WAIT)
                .getScreenshotCaptureResponse();

        assertTrue(answer.getSuccess(), answer.getErrorMessage());
        assertEquals(3, answer.getUploadedCount());
        assertEquals(1, uploads.size());
        assertEquals("Bearer tok-1", uploads.get(0).authorization());
        String body = uploads.get(0).body();
        for (String expected : List.of("name=\"file0\"", "name=\"file1\"", "name=\"file2\"", "jpeg@30.0", "jpeg@90.0")) {
            assertTrue(body.contains(expected), "upload lacks " + expected);
        }
    }

    @Test
    void refusesToUploadToAHostThatIsNotTheEdges() throws Exception {
        String elsewhere = "http://127.0.0.1:" + uploadServer.getAddress().getPort() + "/upload";

        ScreenshotCaptureResponse answer = peer.awaitResponse(peer.screenshot(catalogId, 2, elsewhere, "tok"), WAIT)
                .getScreenshotCaptureResponse();

        assertFalse(answer.getSuccess());
        assertEquals(CatalogErrorReason.PERMISSION_DENIED, answer.getError());
        assertTrue(uploads.isEmpty(), "nothing was sent");
    }

    /** Frames whose bytes name their position, so the upload can be checked. */
    private static final class FakeFrames implements ThumbnailProvider {

        @Override
        public Set<String> extensions() {
            return Set.of(".mkv");
        }

        @Override
        public List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException {
            return positionsSeconds.stream().map(p -> new Thumbnail(p, 2, 2,
                    ("jpeg@" + p).getBytes(StandardCharsets.ISO_8859_1))).toList();
        }
    }
}
