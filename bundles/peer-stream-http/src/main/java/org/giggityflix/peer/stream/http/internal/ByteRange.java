package org.giggityflix.peer.stream.http.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ByteRange} is responsible for reading a {@code Range} request header against a file's length (RFC 9110
 * 14.2): one satisfiable range is served as 206, a range wholly beyond the end is 416, and a header that is
 * malformed, names several ranges or another unit is ignored (the whole file, 200), as the RFC allows.
 *
 * @param kind  what to answer
 * @param first first byte served (inclusive)
 * @param last  last byte served (inclusive)
 */
record ByteRange(Kind kind, long first, long last) {

    enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    private static final Pattern SINGLE = Pattern.compile("^\\s*bytes\\s*=\\s*(\\d{0,19})\\s*-\\s*(\\d{0,19})\\s*$");

    static ByteRange whole(long length) {
        return new ByteRange(Kind.WHOLE, 0, length - 1);
    }

    long count() {
        return last - first + 1;
    }

    static ByteRange parse(String header, long length) {
        if (header == null || header.isBlank()) {
            return whole(length);
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole(length);
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || length == 0) {
                    return new ByteRange(Kind.UNSATISFIABLE, 0, -1);
                }
                return new ByteRange(Kind.PARTIAL, Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return whole(length); // invalid range-spec: ignored
            }
            if (first >= length) {
                return new ByteRange(Kind.UNSATISFIABLE, 0, -1);
            }
            return new ByteRange(Kind.PARTIAL, first, Math.min(last, length - 1));
        } catch (NumberFormatException e) {
            return whole(length); // more digits than a long holds
        }
    }
}
