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
 * parameters, and its order into an ORDER BY clause (paging is left to the caller, since {@code count} ignores it).
 *
 * <p>The text filter matches {@code relative_path_lower}, a copy of the relative path lower-cased in Java, because
 * SQLite's own case folding ({@code LIKE}, {@code lower()}) only knows ASCII: "ÉTÉ" must find "été".
 *
 * @param where  the clause, starting with {@code WHERE}
 * @param params its parameters, in order
 */
record MediaFilter(String where, List<Object> params) {

    private static final char ESCAPE = '\\';

    /**
     * The last segment of {@code relative_path_lower}: {@code rtrim} with every character but '/' strips the name,
     * leaving the folders, which {@code replace} then removes (they end in '/', which a name never holds, so they
     * occur once). A path without folders is its own name.
     */
    static final String NAME_OF_PATH = "replace(relative_path_lower,"
            + " rtrim(relative_path_lower, replace(relative_path_lower, '/', '')), '')";

    /**
     * The ORDER BY clause of {@code query}'s order: its column, then the luid, both reversed when descending.
     *
     * <p>With a text filter the terms are written {@code +column}, so SQLite does not walk the order's index: no
     * index answers a substring, so that walk would read the table at random for every row until a page of matches
     * is found (a second for a rare word in 300,000 rows); instead it reads the table in order, as the count does,
     * and sorts only the matching rows, keeping at most offset + limit of them (SQLite's sorter under a LIMIT).
     */
    static String orderBy(MediaQuery query) {
        String column = switch (query.sort()) {
            case PATH -> "relative_path";
            case NAME -> "name_lower";
            case SIZE -> "size";
            case MODIFIED -> "mtime";
            case DISCOVERED -> "luid";
            case DURATION -> "duration";
            case STATUS -> "status";
        };
        String direction = query.descending() ? " DESC" : "";
        String noIndex = hasText(query) ? "+" : "";
        return "ORDER BY " + noIndex + column + direction
                + (column.equals("luid") ? "" : ", " + noIndex + "luid" + direction);
    }

    /** The filter for counting: the status index may serve it. */
    static MediaFilter of(MediaQuery query) {
        return of(query, false);
    }

    /**
     * The filter for {@link #orderBy}. Without text, unless the order is the status's, the status term is written
     * {@code +status}, which keeps SQLite from answering it with the status index and then sorting every row of a
     * status (the whole library, for "ready"): the order's index holds the status, so it filters as it walks.
     */
    static MediaFilter ordered(MediaQuery query) {
        return of(query, !hasText(query) && query.sort() != MediaQuery.Sort.STATUS);
    }

    private static boolean hasText(MediaQuery query) {
        return query.text().filter(text -> !text.isEmpty()).isPresent();
    }

    private static MediaFilter of(MediaQuery query, boolean statusFromOrderIndex) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE ");
        String status = statusFromOrderIndex ? "+status" : "status";
        if (query.statuses().isEmpty()) {
            where.append(status).append(" <> 'DELETED'");
        } else {
            where.append(status).append(" IN (")
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
