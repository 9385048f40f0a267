package org.giggityflix.peer.api.catalog;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A filter, an order and a page over the catalog, as {@code peer:media-list}, the web UI and the JSON API ask for it.
 *
 * <p>The catalog applies all of it in its own query: {@link MediaCatalog#list} returns the page of the whole filtered
 * library in this order (never a sorted part of it), and {@link MediaCatalog#count} the size of what it pages
 * through. Every order ends with the luid, so rows never tie: consecutive pages neither repeat nor skip a row
 * while nothing is written.
 *
 * @param statuses   only these statuses; empty means every status except {@link MediaStatus#DELETED}
 * @param text       case-insensitive substring of the relative path
 * @param offset     rows to skip (0 or more)
 * @param limit      rows at most (1 to {@link #MAX_LIMIT})
 * @param sort       the order (since 1.10); {@link Sort#PATH} when {@code null}
 * @param descending the exact reverse of the ascending order, luid included (since 1.10)
 */
public record MediaQuery(Set<MediaStatus> statuses, Optional<String> text, int offset, int limit, Sort sort,
                         boolean descending) {

    /** The largest page a caller can ask for. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * The orders a library can be listed in. Each compares one value of the row, then the luid; text compares by
     * Unicode code point (as SQLite's binary collation compares UTF-8), and a missing value comes first.
     *
     * @since 1.10
     */
    public enum Sort {
        /** By {@link MediaFile#relativePath()}. */
        PATH,
        /** By file name (the relative path's last segment), lower-cased with {@link Locale#ROOT}. */
        NAME,
        /** By {@link MediaFile#size()}. */
        SIZE,
        /** By {@link MediaFile#modified()}, the file's last-modified time. */
        MODIFIED,
        /**
         * In the order the peer first saw the files: by luid, which the catalog hands out in that order and keeps
         * through renames (so it follows {@link MediaFile#discovered()} unless the clock was set back).
         */
        DISCOVERED,
        /** By {@link MediaMetadata#durationSeconds()}; files without one (not probed yet) first. */
        DURATION,
        /** By the status's name ({@code DELETED}, {@code ERROR}, {@code PENDING}, {@code PROCESSING}, {@code READY}). */
        STATUS;

        /** This order, ascending, as a comparator: the definition every catalog implementation follows. */
        public Comparator<MediaFile> comparator() {
            Comparator<MediaFile> byKey = switch (this) {
                case PATH -> Comparator.comparing(MediaFile::relativePath, MediaQuery::compareCodePoints);
                case NAME -> Comparator.comparing(MediaQuery::lowerCaseName, MediaQuery::compareCodePoints);
                case SIZE -> Comparator.comparingLong(MediaFile::size);
                case MODIFIED -> Comparator.comparing(MediaFile::modified);
                case DISCOVERED -> Comparator.comparingLong(MediaFile::luid);
                case DURATION -> Comparator.comparing(MediaQuery::duration,
                        Comparator.nullsFirst(Comparator.naturalOrder()));
                case STATUS -> Comparator.comparing(f -> f.status().name());
            };
            return byKey.thenComparingLong(MediaFile::luid);
        }
    }

    public MediaQuery {
        statuses = Set.copyOf(statuses);
        text = text == null ? Optional.empty() : text;
        sort = sort == null ? Sort.PATH : sort;
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** A filter and page in path order, as before 1.10. */
    public MediaQuery(Set<MediaStatus> statuses, Optional<String> text, int offset, int limit) {
        this(statuses, text, offset, limit, Sort.PATH, false);
    }

    /** The first {@code limit} files that are not deleted. */
    public static MediaQuery firstPage(int limit) {
        return new MediaQuery(Set.of(), Optional.empty(), 0, limit);
    }

    /**
     * The same filter and page in another order.
     *
     * @since 1.10
     */
    public MediaQuery sortedBy(Sort newSort, boolean newDescending) {
        return new MediaQuery(statuses, text, offset, limit, newSort, newDescending);
    }

    /**
     * The same filter and order, another page.
     *
     * @since 1.10
     */
    public MediaQuery page(int newOffset, int newLimit) {
        return new MediaQuery(statuses, text, newOffset, newLimit, sort, descending);
    }

    /**
     * This query's order as a comparator ({@link Sort#comparator()}, reversed when {@link #descending}).
     *
     * @since 1.10
     */
    public Comparator<MediaFile> comparator() {
        return descending ? sort.comparator().reversed() : sort.comparator();
    }

    /**
     * Whether {@code file} passes this query's filter (statuses and text), paging aside: the definition every
     * catalog implementation follows.
     *
     * @since 1.10
     */
    public boolean matches(MediaFile file) {
        boolean status = statuses.isEmpty() ? file.status() != MediaStatus.DELETED : statuses.contains(file.status());
        return status && text.filter(t -> !t.isEmpty())
                .map(t -> file.relativePath().toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT)))
                .orElse(true);
    }

    private static String lowerCaseName(MediaFile file) {
        String lower = file.relativePath().toLowerCase(Locale.ROOT);
        return lower.substring(lower.lastIndexOf('/') + 1);
    }

    private static Double duration(MediaFile file) {
        return file.metadata().map(MediaMetadata::durationSeconds).orElse(null);
    }

    /** Code point order, which is the byte order of UTF-8 and so SQLite's binary collation. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
