package org.giggityflix.peer.web.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ApiResponse} is responsible for one API answer: status, content type, body and extra headers.
 *
 * @param file a file sent as the body instead of {@code body} (streamed: a backup archive may be large)
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers, Optional<Path> file) {

    ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    static ApiResponse file(String contentType, Path file) {
        return new ApiResponse(200, contentType, new byte[0], new LinkedHashMap<>(), Optional.of(file));
    }

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, WebConstants.JSON, Json.write(value).getBytes(StandardCharsets.UTF_8),
                new LinkedHashMap<>());
    }

    static ApiResponse ok(Object value) {
        return json(200, value);
    }

    static ApiResponse error(int status, String message) {
        return json(status, Json.obj("error", message, "status", status));
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
