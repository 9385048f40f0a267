package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;

/**
 * {@code ScreenshotResource} is responsible for a file's screenshots: {@code GET media/{id}/screenshots?count=N}
 * (the list, made or cached by the {@code ScreenshotService}) and {@code GET media/{id}/screenshots/{index}} (one
 * JPEG), with the service's reason when it cannot.
 */
final class ScreenshotResource {

    private static final int DEFAULT_SCREENSHOTS = 4;

    private final Backend backend;

    ScreenshotResource(Backend backend) {
        this.backend = backend;
    }

    /** {@code media/{id}/screenshots} or {@code media/{id}/screenshots/{index}}, GET. */
    ApiResponse handle(ApiRequest r) {
        long luid = ApiSupport.luid(r.segment(1));
        if (r.segments().size() == 3) {
            return screenshotList(luid, count(r));
        }
        return screenshotImage(luid, index(r.segment(3)), count(r));
    }

    private ApiResponse screenshotList(long luid, int count) {
        Optional<ScreenshotService> service = backend.screenshots();
        if (service.isEmpty()) {
            return noScreenshots();
        }
        try {
            ScreenshotSet set = service.get().screenshots(luid, count);
            List<Map<String, Object>> items = new ArrayList<>();
            for (Screenshot s : set.screenshots()) {
                items.add(Json.obj("index", s.index(), "positionSeconds", s.positionSeconds(),
                        "frameSeconds", s.frameSeconds(), "width", s.width(), "height", s.height(), "size", s.size(),
                        "url", WebConstants.API + "/media/" + luid + "/screenshots/" + s.index() + "?count=" + count));
            }
            return ApiResponse.ok(Json.obj("id", luid, "count", count, "fromCache", set.fromCache(),
                    "screenshots", items));
        } catch (ScreenshotException e) {
            return screenshotError(e);
        }
    }

    private ApiResponse screenshotImage(long luid, int index, int count) {
        Optional<ScreenshotService> service = backend.screenshots();
        if (service.isEmpty()) {
            return noScreenshots();
        }
        if (index >= count) {
            throw new ApiSupport.BadRequest("index must be below count (" + count + ").");
        }
        try {
            ScreenshotSet set = service.get().screenshots(luid, count);
            Optional<Screenshot> shot = set.screenshots().stream().filter(s -> s.index() == index).findFirst();
            if (shot.isEmpty()) {
                return ApiResponse.error(404, "No screenshot " + index + " for file " + luid + ".");
            }
            byte[] jpeg;
            try (InputStream in = Files.newInputStream(shot.get().path())) {
                jpeg = in.readAllBytes();
            }
            return new ApiResponse(200, "image/jpeg", jpeg, new LinkedHashMap<>())
                    .header("Cache-Control", "private, max-age=300");
        } catch (ScreenshotException e) {
            return screenshotError(e);
        } catch (IOException e) {
            return ApiResponse.error(404, "The screenshot was evicted from the cache; ask again.");
        }
    }

    private static ApiResponse noScreenshots() {
        return ApiResponse.error(404, "Screenshots are not available: no ScreenshotService is running "
                + "(install the screenshots feature).");
    }

    private static ApiResponse screenshotError(ScreenshotException e) {
        int status = switch (e.reason()) {
            case BAD_COUNT -> 400;
            case NO_SUCH_FILE, FILE_GONE, NO_PROVIDER, NO_DURATION -> 404;
            case CAPTURE_FAILED -> 500;
        };
        return ApiResponse.json(status, Json.obj("error", e.getMessage(), "reason", e.reason().name(),
                "status", status));
    }

    private static int index(String text) {
        if (text == null || !text.matches("[0-9]{1,3}")) {
            throw new ApiSupport.BadRequest("The screenshot index must be a number, was '" + text + "'.");
        }
        return Integer.parseInt(text);
    }

    private static int count(ApiRequest r) {
        return ApiSupport.intParam(r, "count", DEFAULT_SCREENSHOTS, ScreenshotService.MIN_COUNT,
                ScreenshotService.MAX_COUNT);
    }
}
