package org.giggityflix.peer.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code Query} is responsible for reading a URL's query string, as {@code URI.getRawQuery()} gives it, into names
 * and decoded values, for the small HTTP servers tests put in front of a browser.
 */
public final class Query {

    private Query() {
    }

    /** Each {@code name=value} pair, the value URL-decoded; pairs without a name are left out; null reads as empty. */
    public static Map<String, String> parse(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return map;
    }
}
