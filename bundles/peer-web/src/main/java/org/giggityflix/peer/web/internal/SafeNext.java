package org.giggityflix.peer.web.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code SafeNext} is responsible for where the browser goes after signing in: the {@code next} the sign-in page
 * was given, only when it is a path on this peer. Anything a browser could read as another site falls back to
 * {@code /}: {@code //x} and {@code /\x} (protocol-relative), a scheme ({@code https:}, {@code javascript:}),
 * whitespace or control characters browsers strip ({@code /<tab>/x}), backslashes, encoded slashes and backslashes,
 * and anything outside printable ASCII.
 */
final class SafeNext {

    private static final String HOME = "/";
    private static final String PROBE_ORIGIN = "http://peer.invalid";

    private SafeNext() {
    }

    /** {@code next} when it is a same-origin path, else {@code /}. */
    static String location(String next) {
        return isSafe(next) ? next : HOME;
    }

    static boolean isSafe(String next) {
        if (next == null || next.isEmpty() || next.length() > 2048 || next.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        if (next.startsWith("//")) {
            return false;
        }
        String lower = next.toLowerCase(Locale.ROOT);
        // Encoded separators, backslashes and control characters: a second decoding anywhere would make them real.
        if (lower.contains("%2f") || lower.contains("%5c") || lower.matches(".*%[01][0-9a-f].*")
                || lower.contains("%7f") || lower.contains("%25")) {
            return false;
        }
        try {
            URI resolved = new URI(PROBE_ORIGIN).resolve(new URI(next));
            return "http".equals(resolved.getScheme()) && "peer.invalid".equals(resolved.getHost())
                    && resolved.getRawUserInfo() == null && resolved.getPort() == -1;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
