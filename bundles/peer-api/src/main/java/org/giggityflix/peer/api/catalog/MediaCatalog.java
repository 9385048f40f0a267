package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code MediaCatalog} is responsible for the peer's memory of its files: the only owner of the database.
 *
 * <p>Reads are consistent snapshots; writes go through {@link #write(Work)} so that a scan of thousands of
 * files is a few transactions, not thousands. Every method may throw {@link CatalogException}.
 */
@ProviderType
public interface MediaCatalog {

    /** A unit of writes, run in one transaction. */
    @ConsumerType
    @FunctionalInterface
    interface Work<T> {
        T run(CatalogBatch batch);
    }

    /** Runs {@code work} in one transaction; listeners are told after it commits. */
    <T> T write(Work<T> work);

    /**
     * Like {@link #write}, for writes that a rescan finds again on disk (a scan's progress: new, changed, moved and
     * gone files, digests, statuses). The implementation may return before they reach stable storage: a power cut
     * can lose the last few seconds of them, but never corrupts the catalog, and a later {@link #write} makes them
     * durable too. Owner and Edge actions (deletes, catalog ids, remaps) must use {@link #write}.
     *
     * @since 1.3
     */
    default <T> T writeRecoverable(Work<T> work) {
        return write(work);
    }

    /**
     * A number that grows by exactly one with every committed write transaction, whoever made it, so that a caller
     * keeping a copy of what the catalog holds can tell whether anybody wrote since. Read inside a write's
     * {@link Work} it is the generation before that write, whose commit makes it one higher (no other write can
     * commit in between). {@code -1} when the implementation does not count: then nothing may be cached.
     *
     * @since 1.3
     */
    default long generation() {
        return -1;
    }

    Optional<MediaFile> find(long luid);

    Optional<MediaFile> findByCatalogId(String catalogId);

    /** The row for this absolute path, deleted or not. */
    Optional<MediaFile> findByPath(Path path);

    /** A page of files, ordered by relative path. */
    List<MediaFile> list(MediaQuery query);

    /** How many rows match {@code query}, ignoring its paging. */
    long count(MediaQuery query);

    /** Every row under a media root, deleted ones included (the scanner's view of what it knew). */
    List<MediaFile> listUnderRoot(Path mediaRoot);

    /**
     * The same rows as {@link #listUnderRoot}, only the columns a rescan compares with the disk. Implementations
     * with a database should override it to read just those columns (a rescan of a large library loads every row).
     *
     * @since 1.2
     */
    default List<KnownFile> knownUnderRoot(Path mediaRoot) {
        return listUnderRoot(mediaRoot).stream().map(KnownFile::of).toList();
    }

    /** Rows that the Edge has not given a catalog id yet (and are not deleted). */
    List<MediaFile> listWithoutCatalogId();

    /**
     * How many rows {@link #listWithoutCatalogId()} describes, not bounded by its page (the Edge heartbeat reports
     * it while a large library waits for its ids). The default counts that list, so it is exact only up to its
     * bound: an implementation that bounds the list must override this.
     *
     * @since 1.7
     */
    default long countUncataloged() {
        return listWithoutCatalogId().size();
    }

    /**
     * The rows {@link #listWithoutCatalogId()} describes whose luid is above {@code afterLuid}, in luid order, at
     * most {@code limit} of them, as the three columns an offer needs: a cursor, so that the next page can be read
     * before the previous one is answered (pass the last luid of a page to get the next; a page shorter than
     * {@code limit} is the last for now). Rows cataloged or added between two pages are seen as they are when the
     * page is read. The default filters {@link #listWithoutCatalogId()}, so an implementation that bounds that list
     * must override this.
     *
     * @since 1.4
     */
    default List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return listWithoutCatalogId().stream().filter(f -> f.luid() > afterLuid)
                .sorted(java.util.Comparator.comparingLong(MediaFile::luid)).limit(limit)
                .map(UncatalogedFile::of).toList();
    }

    /**
     * Stores many of the Edge's catalog ids at once (luid to catalog id), skipping, without failing the others, a
     * luid the catalog does not hold, a blank id, and an id another row already holds. Durable like {@link #write}.
     * Implementations with a database should override it to store them in one transaction and statement (the
     * default writes them one by one); listeners may then not be told: the Edge link, which stores them, knows.
     *
     * @return how many rows now hold the id given for them
     * @since 1.4
     */
    default int storeCatalogIds(Map<Long, String> catalogIds) {
        int stored = 0;
        for (Map.Entry<Long, String> entry : catalogIds.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                continue;
            }
            try {
                write(batch -> batch.catalogId(entry.getKey(), entry.getValue()));
                stored++;
            } catch (CatalogException e) {
                // Held by another row, or no such row: skipped, the others are still stored.
            }
        }
        return stored;
    }

    /** How many rows are in each status. Every status is present, 0 when none. */
    Map<MediaStatus, Long> countByStatus();

    /** Stored digests of a file, algorithm to lower-case hex. */
    Map<String, String> hashes(long luid);

    /**
     * Gives the row holding {@code oldCatalogId} the id {@code newCatalogId}.
     *
     * @return what happened; nothing changes unless {@link RemapResult#REMAPPED}
     */
    RemapResult remapCatalogId(String oldCatalogId, String newCatalogId);

    /** Outcome of {@link #remapCatalogId}. */
    enum RemapResult { REMAPPED, UNKNOWN_OLD_ID, NEW_ID_IN_USE }

    /** The database file. */
    Path databaseFile();

    /** Bytes the database takes on disk, WAL included. */
    long databaseSize();
}
