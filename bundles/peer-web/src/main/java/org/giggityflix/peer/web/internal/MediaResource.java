package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code MediaResource} is responsible for the library: {@code GET media} (the catalog's filter, order and page:
 * {@code q}, {@code status}, {@code sort}, {@code order}, {@code offset}, {@code limit}) and {@code GET media/{id}}
 * (metadata, every stream, hashes); a file's screenshots go to {@link ScreenshotResource}.
 */
final class MediaResource {

    /** Sort keys the library accepts, each the catalog's order of the same name. */
    static final Set<String> SORTS = Set.of("path", "name", "size", "modified", "discovered", "duration", "status");

    private final Backend backend;
    private final ScreenshotResource screenshots;

    MediaResource(Backend backend) {
        this.backend = backend;
        this.screenshots = new ScreenshotResource(backend);
    }

    ApiResponse handle(ApiRequest r) {
        int n = r.segments().size();
        boolean get = ApiSupport.reads(r);
        if (n == 1 && get) {
            return mediaList(r);
        }
        if (n == 2 && get) {
            return mediaDetail(ApiSupport.luid(r.segment(1)));
        }
        if ((n == 3 || n == 4) && get && r.segment(2).equals("screenshots")) {
            return screenshots.handle(r);
        }
        return n <= 4 ? ApiSupport.notAllowed() : ApiSupport.notFound();
    }

    private ApiResponse mediaList(ApiRequest r) {
        Optional<MediaCatalog> catalog = backend.catalog();
        if (catalog.isEmpty()) {
            return ApiSupport.missing("The catalog");
        }
        int offset = ApiSupport.intParam(r, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = ApiSupport.intParam(r, "limit", 50, 1, 500);
        String sort = r.param("sort").orElse("path").toLowerCase(Locale.ROOT);
        if (!SORTS.contains(sort)) {
            throw new ApiSupport.BadRequest("sort must be one of "
                    + String.join(", ", SORTS.stream().sorted().toList()) + ".");
        }
        String order = r.param("order").orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new ApiSupport.BadRequest("order must be asc or desc.");
        }
        Set<MediaStatus> statuses = EnumSet.noneOf(MediaStatus.class);
        for (String s : r.param("status").map(v -> v.split(",")).orElse(new String[0])) {
            try {
                statuses.add(MediaStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiSupport.BadRequest("Unknown status '" + s.trim()
                        + "' (pending, processing, ready, error, deleted).");
            }
        }
        Optional<String> text = r.param("q");
        if (text.isPresent() && text.get().length() > 200) {
            throw new ApiSupport.BadRequest("q is longer than 200 characters.");
        }
        // The catalog filters, sorts and pages the whole library in its query (an index per order).
        MediaQuery query = new MediaQuery(statuses, text, offset, limit,
                MediaQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT)), order.equals("desc"));
        long total = catalog.get().count(query);
        List<Map<String, Object>> items = new ArrayList<>();
        catalog.get().list(query).forEach(f -> items.add(mediaJson(f)));
        return ApiResponse.ok(Json.obj("total", total, "offset", offset, "limit", limit, "sort", sort, "order", order,
                "items", items));
    }

    private static Map<String, Object> mediaJson(MediaFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.luid());
        out.put("catalogId", f.catalogId());
        out.put("name", f.fileName());
        out.put("relativePath", f.relativePath());
        out.put("size", f.size());
        out.put("modified", f.modified());
        out.put("status", f.status().name().toLowerCase(Locale.ROOT));
        out.put("error", f.error());
        out.put("metadata", f.metadata().map(MediaResource::metadataJson));
        out.put("discovered", f.discovered());
        out.put("updated", f.updated());
        return out;
    }

    private static Map<String, Object> metadataJson(MediaMetadata m) {
        Map<String, Object> out = Json.obj("durationSeconds", m.durationSeconds(), "width", m.width(),
                "height", m.height(), "videoCodec", m.videoCodec(), "audioCodec", m.audioCodec(),
                "bitrate", m.bitrate(), "frameRate", m.frameRate(), "container", m.container());
        StreamJson.summary(m, out);
        return out;
    }

    private ApiResponse mediaDetail(long luid) {
        Optional<MediaCatalog> catalog = backend.catalog();
        if (catalog.isEmpty()) {
            return ApiSupport.missing("The catalog");
        }
        Optional<MediaFile> file = catalog.get().find(luid);
        if (file.isEmpty()) {
            return ApiResponse.error(404, "No file with id " + luid + ".");
        }
        Map<String, Object> out = mediaJson(file.get());
        out.put("path", file.get().path().toString());
        out.put("mediaRoot", file.get().mediaRoot().toString());
        out.put("streams", file.get().metadata().map(StreamJson::list).orElse(List.of()));
        out.put("hashes", catalog.get().hashes(luid));
        out.put("screenshotsAvailable", backend.screenshots().isPresent());
        return ApiResponse.ok(out);
    }
}
