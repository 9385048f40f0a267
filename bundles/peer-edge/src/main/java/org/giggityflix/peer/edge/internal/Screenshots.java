package org.giggityflix.peer.edge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.ScreenshotCaptureRequest;
import org.giggityflix.peer.proto.ScreenshotCaptureResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Screenshots} is responsible for the Edge's screenshot requests: frames from the best installed
 * {@link ThumbnailProvider}, uploaded in one multipart POST ({@code file0..fileN-1}, JPEG, bearer token), and
 * only to the Edge's own host or a host the owner allowed.
 */
final class Screenshots {

    private static final Logger LOG = LoggerFactory.getLogger(Screenshots.class);
    private static final int MAX_QUANTITY = 20;

    private final Supplier<List<ThumbnailProvider>> providers;
    private final Set<String> allowedHosts;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param providers    installed providers, preferred first
     * @param allowedHosts hosts uploads may go to (the Edge's host and the owner's list), lower case
     */
    Screenshots(Supplier<List<ThumbnailProvider>> providers, Set<String> allowedHosts, Duration timeout) {
        this.providers = providers;
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ScreenshotCaptureResponse capture(MediaFile file, ScreenshotCaptureRequest request) {
        ScreenshotCaptureResponse.Builder answer = ScreenshotCaptureResponse.newBuilder()
                .setCatalogId(request.getCatalogId()).setSuccess(false);
        Optional<URI> target = uploadTarget(request.getUploadEndpoint());
        if (target.isEmpty()) {
            return answer.setError(CatalogErrorReason.PERMISSION_DENIED).setErrorMessage("upload endpoint '"
                    + request.getUploadEndpoint() + "' is not an http(s) URL on an allowed host " + allowedHosts).build();
        }
        Optional<ThumbnailProvider> provider = providerFor(file);
        Optional<Double> duration = file.metadata().map(MediaMetadata::durationSeconds);
        if (provider.isEmpty() || duration.isEmpty()) {
            return answer.setError(CatalogErrorReason.NOT_AVAILABLE).setErrorMessage(provider.isEmpty()
                    ? "no screenshot (thumbnail) provider for " + extension(file) + " files is installed"
                    : "the file's duration is not known yet (not probed)").build();
        }
        return upload(file, request, provider.get(), positions(duration.get(), request.getQuantity()), target.get(),
                answer);
    }

    private ScreenshotCaptureResponse upload(MediaFile file, ScreenshotCaptureRequest request,
                                             ThumbnailProvider provider, List<Double> positions, URI target,
                                             ScreenshotCaptureResponse.Builder answer) {
        try {
            List<Thumbnail> frames = provider.capture(file.path(), positions);
            String boundary = "giggityflix-" + UUID.randomUUID();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(timeout)
                    .header("Authorization", "Bearer " + request.getUploadToken())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, frames))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage("the upload endpoint answered "
                        + response.statusCode()).build();
            }
            return answer.setSuccess(true).setUploadedCount(frames.size()).build();
        } catch (IOException e) {
            LOG.warn("screenshots of {} for the Edge failed: {}", file.path(), e.toString());
            return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage("screenshots failed: " + e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer.setError(CatalogErrorReason.PEER_ERROR).setErrorMessage("interrupted").build();
        }
    }

    /** Evenly spread positions, never the very first or last frame (often black). */
    static List<Double> positions(double durationSeconds, int quantity) {
        int n = Math.max(1, Math.min(MAX_QUANTITY, quantity));
        List<Double> positions = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            positions.add(durationSeconds * i / (n + 1));
        }
        return positions;
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

    private Optional<ThumbnailProvider> providerFor(MediaFile file) {
        String extension = extension(file);
        return providers.get().stream().filter(p -> p.extensions().contains(extension)).findFirst();
    }

    private static String extension(MediaFile file) {
        String name = file.fileName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static byte[] multipart(String boundary, List<Thumbnail> frames) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file" + i + "\"; filename=\"file"
                    + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(frames.get(i).jpeg());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
