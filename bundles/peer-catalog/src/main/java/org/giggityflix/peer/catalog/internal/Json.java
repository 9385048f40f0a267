package org.giggityflix.peer.catalog.internal;

/**
 * {@code Json} is responsible for writing text as JSON string literals, for statements that hand SQLite many rows
 * as one JSON parameter (read by its {@code json_each} in C).
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                json.append(value, start, i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else {
                    json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                start = i + 1;
            }
        }
        return json.append(value, start, value.length()).append('"');
    }
}
