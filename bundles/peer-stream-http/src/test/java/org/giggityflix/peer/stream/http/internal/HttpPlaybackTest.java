package org.giggityflix.peer.stream.http.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Query;

/**
 * Proves direct play over HTTP: a real headless Chromium plays a signed link in a {@code <video>} at the file's
 * size, and a plain HTTP client gets exactly the bytes and statuses RFC 9110 promises for ranges (206, 416,
 * ignored nonsense, HEAD), while expired, forged, unknown and deleted links are refused. The link gate and file
 * sender are the servlet's own, served here by the JDK's HTTP server.
 */
class HttpPlaybackTest {

    /** The test server's port, chosen by the kernel (port 0). */
    static int port;

    @TempDir
    static Path dir;
    static Path video;
    static Path doomed;
    static byte[] bytes;
    static LinkSigner signer;
    static Transfers transfers;
    static HttpServer server;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        video = clip(dir.resolve("clip.mp4"));
        doomed = Files.copy(video, dir.resolve("doomed.mp4"));
        bytes = Files.readAllBytes(video);
        signer = LinkSigner.load(dir);
        transfers = new Transfers(() -> 4);
        server = server(transfers);
        port = server.getAddress().getPort();
        server.createContext("/page", exchange -> {
            String link = Query.parse(exchange.getRequestURI().getRawQuery()).get("src");
            byte[] page = ("<!doctype html><video id='v' muted autoplay src='" + link + "'></video>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
    }

    private static HttpServer server(Transfers running) throws IOException {
        Map<Long, MediaFile> files = Map.of(1L, file(1, video), 2L, file(2, doomed));
        LinkGate gate = new LinkGate(signer, luid -> Optional.ofNullable(files.get(luid)), Clock.systemUTC());
        FileSender sender = new FileSender(running);
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        created.setExecutor(Executors.newCachedThreadPool());
        created.createContext("/stream", exchange -> serve(exchange, gate, sender));
        return created;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void serve(HttpExchange exchange, LinkGate gate, FileSender sender) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> q = Query.parse(exchange.getRequestURI().getRawQuery());
            LinkGate.Outcome outcome = gate.check(path.substring("/stream".length()), q.get("exp"), q.get("sig"));
            if (!outcome.allowed()) {
                byte[] message = outcome.message().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(outcome.status(), message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            int[] status = {200};
            long[] length = {0};
            sender.send(outcome.luid(), outcome.file(), head, exchange.getRequestHeaders().getFirst("Range"),
                    new FileSender.Reply() {
                        boolean sent;

                        @Override
                        public void status(int code) {
                            status[0] = code;
                        }

                        @Override
                        public void header(String name, String value) {
                            if (name.equals("Content-Length")) {
                                length[0] = Long.parseLong(value);
                            } else {
                                exchange.getResponseHeaders().set(name, value);
                            }
                        }

                        @Override
                        public OutputStream body() throws IOException {
                            if (!sent) {
                                sent = true;
                                exchange.sendResponseHeaders(status[0], length[0] == 0 ? -1 : length[0]);
                            }
                            return exchange.getResponseBody();
                        }
                    });
            if (head || length[0] == 0 || status[0] == 416 || status[0] == 503) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length[0]));
                exchange.sendResponseHeaders(status[0], -1);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static MediaFile file(long luid, Path path) {
        Instant now = Instant.now();
        return new MediaFile(luid, Optional.empty(), path, dir, path.getFileName().toString(), 1, now,
                Optional.empty(), MediaStatus.READY, Optional.empty(), Optional.empty(), now, now);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String link(long luid) {
        return signer.path(luid, Instant.now().getEpochSecond() + 600);
    }

    private static HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void chromiumPlaysTheSignedLinkInAVideoElement() throws Exception {
        assumeTrue(Tools.present(Tool.CHROMIUM), "needs Debian chromium + chromium-driver");
        try (Browser browser = new Browser()) {
            browser.open(url("/page?src=" + java.net.URLEncoder.encode(link(1), StandardCharsets.UTF_8)));
            Await.until(Duration.ofSeconds(20), "the video plays at 640x360", () ->
                    browser.number("return document.getElementById('v').videoWidth") == 640
                            && browser.number("return document.getElementById('v').currentTime") > 0.5);
            assertEquals(360, browser.number("return document.getElementById('v').videoHeight"));
            browser.execute("document.getElementById('v').currentTime = 2.5");
            Await.until(Duration.ofSeconds(20), "seeking moves playback", () ->
                    browser.number("return document.getElementById('v').currentTime") >= 2.5);
            assertTrue(browser.number("return document.getElementById('v').error ? 1 : 0") == 0);
        }
    }

    @Test
    void wholeFileAndRanges() throws Exception {
        String link = link(1);
        HttpResponse<byte[]> whole = get(link, null);
        assertEquals(200, whole.statusCode());
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(bytes, whole.body());

        HttpResponse<byte[]> first = get(link, "bytes=0-99");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-99/" + bytes.length, first.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(bytes, 0, 100), first.body());

        HttpResponse<byte[]> tail = get(link, "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length), tail.body());

        HttpResponse<byte[]> open = get(link, "bytes=" + (bytes.length - 5) + "-");
        assertEquals(206, open.statusCode());
        assertEquals(5, open.body().length);

        HttpResponse<byte[]> beyond = get(link, "bytes=" + bytes.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + bytes.length, beyond.headers().firstValue("Content-Range").orElseThrow());

        for (String nonsense : new String[] {"bytes=abc", "bytes=9-3", "bytes=0-1,4-5", "pages=1-2"}) {
            HttpResponse<byte[]> ignored = get(link, nonsense);
            assertEquals(200, ignored.statusCode(), nonsense);
            assertEquals(bytes.length, ignored.body().length, nonsense);
        }
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(url(link(1))))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(bytes.length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("video/mp4", head.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void badLinksAreRefused() throws Exception {
        long past = Instant.now().getEpochSecond() - 1;
        assertEquals(403, get(signer.path(1, past), null).statusCode(), "expired");
        String good = link(1);
        assertEquals(403, get(good.replace("/stream/1?", "/stream/2?"), null).statusCode(), "moved to another file");
        assertEquals(403, get(good.replaceAll("exp=\\d+", "exp=" + (past + 999999)), null).statusCode(), "stretched");
        assertEquals(403, get("/stream/1?exp=" + (past + 600) + "&sig=AAAA", null).statusCode(), "made up");
        assertEquals(400, get("/stream/x?exp=1&sig=a", null).statusCode());
        assertEquals(404, get(link(99), null).statusCode(), "unknown file");
        String doomedLink = link(2);
        assertEquals(206, get(doomedLink, "bytes=0-0").statusCode());
        Files.delete(doomed);
        assertEquals(410, get(doomedLink, null).statusCode(), "file deleted");
    }

    @Test
    void aStoppedTransferEndsTheDownload() throws Exception {
        Transfers transfers = new Transfers(() -> 4);
        HttpServer own = server(transfers);
        own.start();
        try (Socket socket = new Socket("127.0.0.1", own.getAddress().getPort())) {
            socket.setReceiveBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + link(1) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.read(new byte[256]); // the response has begun; the rest waits in the socket buffers
            Await.until(Duration.ofSeconds(10), "the download is listed", () -> !transfers.sessions().isEmpty());
            String id = transfers.sessions().get(0).id();
            assertTrue(transfers.stop(id));
            assertTrue(transfers.sessions().isEmpty());
            long read = 256;
            byte[] buffer = new byte[65536];
            // The JDK test server may hold the cut connection open: a quiet socket counts as the end.
            socket.setSoTimeout(3000);
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                }
            } catch (java.net.SocketTimeoutException e) {
                // nothing more is coming
            }
            assertTrue(read < bytes.length, "read " + read + " of " + bytes.length);
        } finally {
            own.stop(0);
        }
    }

    /** A 3 s 640x360 H.264/AAC MP4 (libopenh264: the LGPL build has no libx264), the kind browsers play. */
    static Path clip(Path file) throws IOException {
        int width = 640;
        int height = 360;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoBitrate(6_000_000);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setGopSize(25);
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(48_000);
            recorder.setAudioBitrate(64_000);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            java.util.Random noise = new java.util.Random(1);
            for (int i = 0; i < 75; i++) {
                for (int at = 0; at < frame.imageStride * height; at++) {
                    pixels.put(at, (byte) noise.nextInt(256));
                }
                recorder.record(frame);
                short[] tone = new short[48_000 / 25];
                for (int s = 0; s < tone.length; s++) {
                    tone[s] = (short) (5000 * Math.sin(2 * Math.PI * 440 * (i * tone.length + s) / 48_000.0));
                }
                recorder.recordSamples(48_000, 1, ShortBuffer.wrap(tone));
            }
            recorder.stop();
        }
        return file;
    }
}
