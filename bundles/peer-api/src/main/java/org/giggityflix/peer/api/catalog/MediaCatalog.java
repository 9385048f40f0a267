package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code MediaCatalog} is responsible for the peer's memory of its files: the only owner of the database.
 *
 * <p>Reads are consistent snapshots; writes go through {@link #write(Work)} so that a scan of thousands of
 * files is a few transactions, not thousands. Every method may throw {@link CatalogException}. What only the Edge link
 * needs (rows waiting for a catalog id, storing and remapping ids) is {@link EdgeCatalog}, published beside it.
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
     * durable too. Owner and Edge actions (deletes, catalog ids, remaps) must use {@link #write}. An implementation
     * without such a mode runs {@link #write}.
     *
     * @since 1.3
     */
    <T> T writeRecoverable(Work<T> work);

    /**
     * A number that grows by exactly one with every committed write transaction, whoever made it, so that a caller
     * keeping a copy of what the catalog holds can tell whether anybody wrote since. Read inside a write's
     * {@link Work} it is the generation before that write, whose commit makes it one higher (no other write can
     * commit in between). {@code -1} when the implementation does not count: then nothing may be cached.
     *
     * @since 1.3
     */
    long generation();

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
     * The same rows as {@link #listUnderRoot}, only the columns a rescan compares with the disk (a rescan of a large
     * library loads every row).
     *
     * @since 1.2
     */
    List<KnownFile> knownUnderRoot(Path mediaRoot);

    /**
     * Hands the rows of {@link #knownUnderRoot} to {@code each}, in the same order, as they are read, without a list
     * of them all: a library of 1,000,000 files would hold about 400 MB of {@code KnownFile}s at once, where the
     * scanner keeps about 80 bytes of each.
     *
     * @since 2.2
     */
    void forEachKnownUnderRoot(Path mediaRoot, Consumer<KnownFile> each);

    /** How many rows are in each status. Every status is present, 0 when none. */
    Map<MediaStatus, Long> countByStatus();

    /** Stored digests of a file, algorithm to lower-case hex. */
    Map<String, String> hashes(long luid);

    /** The database file. */
    Path databaseFile();

    /** Bytes the database takes on disk, WAL included. */
    long databaseSize();
}
