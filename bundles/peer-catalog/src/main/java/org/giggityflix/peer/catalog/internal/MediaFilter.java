package org.giggityflix.peer.catalog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code MediaFilter} is responsible for turning a {@link MediaQuery}'s filter into a WHERE clause and its
 * parameters (paging is left to the caller, since {@code count} ignores it).
 *
 * <p>The text filter matches {@code relative_path_lower}, a copy of the relative path lower-cased in Java, because
 * SQLite's own case folding ({@code LIKE}, {@code lower()}) only knows ASCII: "ÉTÉ" must find "été".
 *
 * @param where  the clause, starting with {@code WHERE}
 * @param params its parameters, in order
 */
record MediaFilter(String where, List<Object> params) {

    private static final char ESCAPE = '\\';

    static MediaFilter of(MediaQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE ");
        if (query.statuses().isEmpty()) {
            where.append("status <> 'DELETED'");
        } else {
            where.append("status IN (")
                    .append(String.join(", ", Collections.nCopies(query.statuses().size(), "?")))
                    .append(')');
            // Sorted so that the same set always gives the same SQL, hence one cached statement.
            params.addAll(query.statuses().stream().sorted().map(MediaStatus::name).collect(Collectors.toList()));
        }
        query.text().filter(text -> !text.isEmpty()).ifPresent(text -> {
            where.append(" AND relative_path_lower LIKE ? ESCAPE '").append(ESCAPE).append('\'');
            params.add('%' + escapeLike(text.toLowerCase(Locale.ROOT)) + '%');
        });
        return new MediaFilter(where.toString(), List.copyOf(params));
    }

    /** A text containing {@code %} or {@code _} means those characters, not LIKE's wildcards. */
    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The filter's parameters followed by {@code more} (LIMIT and OFFSET). */
    Object[] paramsThen(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
