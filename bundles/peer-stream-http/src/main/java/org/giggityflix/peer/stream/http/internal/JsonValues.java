package org.giggityflix.peer.stream.http.internal;

import javax.json.Json;
import javax.json.JsonValue;

/**
 * {@code JsonValues} is responsible for JSON values that may be absent: javax.json's builders take no null, so an
 * absent text or number becomes JSON {@code null} here.
 */
final class JsonValues {

    private JsonValues() {
    }

    static JsonValue of(String s) {
        return s == null ? JsonValue.NULL : Json.createValue(s);
    }

    /** A number, or null when absent or not finite. */
    static JsonValue of(Number n) {
        if (n == null) {
            return JsonValue.NULL;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? Json.createValue(d) : JsonValue.NULL;
        }
        return Json.createValue(n.longValue());
    }
}
