package org.giggityflix.peer.edge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

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
 * {@code screenshot_<i>.jpg}, JPEG, bearer token), only where {@link UploadPolicy} allows (the Edge's host and port
 * or the owner's list, https, no address of this machine or its link unless the Edge is there), through
 * {@link UploadClient} to the addresses checked, with a timeout and a bounded number of attempts.
 */
final class Screenshots {

    private static final Logger LOG = LoggerFactory.getLogger(Screenshots.class);
    /** An endpoint that is down or answers 5xx is tried this many times in all; 4xx, redirects and time-outs are final. */
    static final int UPLOAD_ATTEMPTS = 3;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final Supplier<Optional<ScreenshotService>> service;
    private final UploadPolicy policy;
    private final UploadClient client;
    private final Duration timeout;

    /**
     * @param service the screenshot service, when installed (read on each request)
     * @param policy  where uploads may go
     * @param client  how they get there
     */
    Screenshots(Supplier<Optional<ScreenshotService>> service, UploadPolicy policy, UploadClient client,
                Duration timeout) {
        this.service = service;
        this.policy = policy;
        this.client = client;
        this.timeout = timeout;
    }

    /** Screenshots for the Edge of {@code settings}: its host and port, the owner's list, the JDK's trust store. */
    static Screenshots forEdge(EdgeSettings settings, Supplier<Optional<ScreenshotService>> service) {
        Set<String> allowed = new HashSet<>(settings.uploadHosts());
        SSLContext tls;
        try {
            tls = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
        return new Screenshots(service, new UploadPolicy(settings.host(), settings.port(), allowed,
                settings.uploadAllowHttp(), UploadPolicy.SYSTEM), new UploadClient(tls),
                settings.timeout().multipliedBy(6));
    }

    ScreenshotCaptureResponse capture(MediaFile file, ScreenshotCaptureRequest request) {
        ScreenshotCaptureResponse.Builder answer = ScreenshotCaptureResponse.newBuilder()
                .setCatalogId(request.getCatalogId()).setSuccess(false);
        UploadPolicy.Decision decision = policy.check(request.getUploadEndpoint());
        if (decision.target().isEmpty()) {
            LOG.warn("refused the Edge's screenshot upload of {}: {}", file.path(), decision.refusal());
            return answer.setError(CatalogErrorReason.PERMISSION_DENIED).setErrorMessage(decision.refusal()).build();
        }
        Optional<UploadPolicy.Target> target = decision.target();
        if (!UploadClient.isHeaderValue(request.getUploadToken())) {
            return answer.setError(CatalogErrorReason.PERMISSION_DENIED)
                    .setErrorMessage("the upload token holds control characters: not sent").build();
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
                                             UploadPolicy.Target target, ScreenshotCaptureResponse.Builder answer) {
        try {
            String boundary = "giggityflix-" + UUID.randomUUID();
            byte[] body = multipart(boundary, pictures.screenshots());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + request.getUploadToken());
            headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
            String failure = null;
            for (int attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    Thread.sleep(FIRST_RETRY.toMillis() << (attempt - 2));
                }
                try {
                    int status = client.post(target, headers, body, timeout);
                    if (status / 100 == 2) {
                        return answer.setSuccess(true).setUploadedCount(pictures.screenshots().size()).build();
                    }
                    failure = "the upload endpoint answered " + status + (status / 100 == 3
                            ? " (a redirect; uploads never follow one: the target host is not checked)" : "");
                    if (status / 100 != 5) {
                        break;
                    }
                } catch (SocketTimeoutException e) {
                    // A slow endpoint is not retried: the Edge would wait attempts × timeout for its answer.
                    failure = "the upload endpoint did not answer within " + timeout.toSeconds() + " s";
                    break;
                } catch (IOException e) {
                    failure = "the upload endpoint could not be reached: " + e;
                }
                LOG.debug("screenshot upload attempt {} to {}: {}", attempt, target.uri(), failure);
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
