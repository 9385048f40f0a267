package org.giggityflix.peer.edge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.ScreenshotCaptureRequest;
import org.giggityflix.peer.proto.ScreenshotCaptureResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Screenshots} is responsible for the Edge's screenshot requests: pictures captured or reused by the
 * {@link ScreenshotService} (when installed), uploaded in one multipart POST ({@code file0..fileN-1}, named
 * {@code screenshot_<i>.jpg}, JPEG, bearer token), only to the Edge's own host or a host the owner allowed, with a
 * timeout and a bounded number of attempts.
 */
final class Screenshots {

    private static final Logger LOG = LoggerFactory.getLogger(Screenshots.class);
    /** An endpoint that is down or answers 5xx is tried this many times in all; 4xx, redirects and time-outs are final. */
    static final int UPLOAD_ATTEMPTS = 3;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final Supplier<Optional<ScreenshotService>> service;
    private final Set<String> allowedHosts;
    private final Duration timeout;
    /** Made at the first upload: building one sets up TLS (trust store, a selector thread) for every Edge link. */
    private HttpClient http;

    /**
     * @param service      the screenshot service, when installed (read on each request)
     * @param allowedHosts hosts uploads may go to (the Edge's host and the owner's list), lower case
     */
    Screenshots(Supplier<Optional<ScreenshotService>> service, Set<String> allowedHosts, Duration timeout) {
        this.service = service;
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    ScreenshotCaptureResponse capture(MediaFile file, ScreenshotCaptureRequest request) {
        ScreenshotCaptureResponse.Builder answer = ScreenshotCaptureResponse.newBuilder()
                .setCatalogId(request.getCatalogId()).setSuccess(false);
        Optional<URI> target = uploadTarget(request.getUploadEndpoint());
        if (target.isEmpty()) {
            return answer.setError(CatalogErrorReason.PERMISSION_DENIED).setErrorMessage("upload endpoint '"
                    + request.getUploadEndpoint() + "' is not an http(s) URL on an allowed host " + allowedHosts).build();
        }
        Optional<ScreenshotService> screenshots = service.get();
        if (screenshots.isEmpty()) {
            return answer.setError(CatalogErrorReason.NOT_AVAILABLE).setErrorMessage("screenshots are not available"
                    + " on this peer right now (no ScreenshotService: install the peer-screenshots feature)").build();
        }
        ScreenshotSet pictures;
        try {
            pictures = screenshots.get().screenshots(file.luid(), request.getQuantity());
        } catch (ScreenshotException e) {
            LOG.info("screenshots of {} for the Edge: {}", file.path(), e.getMessage());
            return answer.setError(reason(e.reason())).setErrorMessage(e.getMessage()).build();
        }
        return upload(file, request, pictures, target.get(), answer);
    }

    private static CatalogErrorReason reason(ScreenshotException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_FILE -> CatalogErrorReason.BAD_CATALOG_ID;
            case FILE_GONE -> CatalogErrorReason.FILE_GONE;
            case NO_PROVIDER, NO_DURATION -> CatalogErrorReason.NOT_AVAILABLE;
            case BAD_COUNT, CAPTURE_FAILED -> CatalogErrorReason.PEER_ERROR;
        };
    }

    private ScreenshotCaptureResponse upload(MediaFile file, ScreenshotCaptureRequest request, ScreenshotSet pictures,
                                             URI target, ScreenshotCaptureResponse.Builder answer) {
        try {
            String boundary = "giggityflix-" + UUID.randomUUID();
            byte[] body = multipart(boundary, pictures.screenshots());
            HttpRequest post = HttpRequest.newBuilder(target).timeout(timeout)
                    .header("Authorization", "Bearer " + request.getUploadToken())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            String failure = null;
            for (int attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    Thread.sleep(FIRST_RETRY.toMillis() << (attempt - 2));
                }
                try {
                    HttpResponse<Void> response = http().send(post, HttpResponse.BodyHandlers.discarding());
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return answer.setSuccess(true).setUploadedCount(pictures.screenshots().size()).build();
                    }
                    failure = "the upload endpoint answered " + status + (status / 100 == 3
                            ? " (a redirect; uploads never follow one: the target host is not checked)" : "");
                    if (status / 100 != 5) {
                        break;
                    }
                } catch (HttpTimeoutException e) {
                    // A slow endpoint is not retried: the Edge would wait attempts × timeout for its answer.
                    failure = "the upload endpoint did not answer within " + timeout.toSeconds() + " s";
                    break;
                } catch (IOException e) {
                    failure = "the upload endpoint could not be reached: " + e;
                }
                LOG.debug("screenshot upload attempt {} to {}: {}", attempt, target, failure);
            }
            return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage(failure).build();
        } catch (IOException e) {
            LOG.warn("screenshots of {} for the Edge failed: {}", file.path(), e.toString());
            return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage("screenshots failed: " + e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage("interrupted").build();
        }
    }

    private Optional<URI> uploadTarget(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null && allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static byte[] multipart(String boundary, List<Screenshot> pictures) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < pictures.size(); i++) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file" + i
                    + "\"; filename=\"screenshot_" + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(pictures.get(i).path()));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
