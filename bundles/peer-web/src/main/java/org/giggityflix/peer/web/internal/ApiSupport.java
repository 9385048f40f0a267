package org.giggityflix.peer.web.internal;

import java.util.Map;
import java.util.Optional;

/**
 * {@code ApiSupport} is responsible for what every API resource shares: the answers for an unknown endpoint, a wrong
 * method and a missing service, the {@link BadRequest} an input error throws, and reading a JSON body, a number
 * parameter and a file id.
 */
final class ApiSupport {

    private ApiSupport() {
    }

    /** An input the caller got wrong; its message is the answer (400). */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Whether the call only reads. */
    static boolean reads(ApiRequest r) {
        return r.method().equals("GET") || r.method().equals("HEAD");
    }

    static ApiResponse notFound() {
        return ApiResponse.error(404, "No such API endpoint (see /api/v1/openapi.json).");
    }

    static ApiResponse notAllowed() {
        return ApiResponse.error(405, "Method not allowed here (see /api/v1/openapi.json).");
    }

    static ApiResponse missing(String what) {
        return ApiResponse.error(503, what + " is not running (its feature is not installed or its bundle stopped).");
    }

    static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("A JSON object body is required.");
        }
        try {
            return Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    static int intParam(ApiRequest r, String name, int dflt, int min, int max) {
        Optional<String> v = r.param(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                throw new BadRequest(name + " must be between " + min + " and " + max + ".");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number.");
        }
    }

    static long luid(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw new BadRequest("The id must be a number (a catalog luid), was '" + text + "'.");
        }
        return Long.parseLong(text);
    }
}
