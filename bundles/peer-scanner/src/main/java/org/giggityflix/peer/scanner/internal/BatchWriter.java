package org.giggityflix.peer.scanner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code BatchWriter} is responsible for grouping the scanner's catalog writes into transactions of a few hundred
 * rows: one transaction per file would make a first scan of 100,000 files take minutes of fsyncs.
 *
 * <p>Every write it makes is a scan's progress, found again on disk by a rescan, so it commits through
 * {@link MediaCatalog#writeRecoverable} (a power cut may lose the last seconds of them, never corrupt the catalog).
 * The rows each transaction returns keep the scanner's {@link KnownSnapshot} current, as each commits.
 */
final class BatchWriter {

    static final int BATCH_SIZE = 500;

    /**
     * New files per transaction of {@link #addAll}: a first scan's discovery. Larger than {@link #BATCH_SIZE} (fewer
     * commits of the same index pages); a crash loses at most one such batch, which the next scan finds again.
     */
    static final int ADD_ALL_SIZE = 5000;

    private final MediaCatalog catalog;
    private final KnownSnapshot known;
    private final int batchSize;
    /** Queued writes, each giving one or more rows. */
    private final List<Function<CatalogBatch, List<MediaFile>>> writes = new ArrayList<>();
    private final List<Consumer<List<MediaFile>>> afterCommit = new ArrayList<>();
    private int queuedRows;
    private boolean holding;
    BatchWriter(MediaCatalog catalog, KnownSnapshot known, int batchSize) {
        this.catalog = catalog;
        this.known = known;
        this.batchSize = batchSize;
    }

    /** Queues a write; {@code then} gets its result once the transaction holding it has committed. */
    void add(Function<CatalogBatch, MediaFile> write, Consumer<MediaFile> then) {
        addRows(batch -> List.of(write.apply(batch)), 1, rows -> then.accept(rows.get(0)));
    }

    /** Queues a write of {@code rows} rows at once; {@code then} gets its rows once committed. */
    void addRows(Function<CatalogBatch, List<MediaFile>> write, int rows, Consumer<List<MediaFile>> then) {
        writes.add(write);
        afterCommit.add(then);
        queuedRows += rows;
        if (!holding && queuedRows >= batchSize) {
            flush();
        }
    }

    void add(Function<CatalogBatch, MediaFile> write) {
        add(write, file -> { });
    }

    /**
     * Keeps queued writes past the batch size until the next {@link #flush}, so that writes belonging together
     * (a hashing window's results and the next window's PROCESSING marks) commit in one transaction.
     */
    void holdUntilFlush() {
        holding = true;
    }

    /**
     * Catalogs new files in transactions of {@link #ADD_ALL_SIZE}, each {@link CatalogBatch#addAll} (one statement
     * for the new paths), after the writes queued before them; {@code then} gets each file's row after its commit.
     */
    void addAll(List<FoundFile> files, BiConsumer<FoundFile, MediaFile> then) {
        flush();
        for (int start = 0; start < files.size(); start += ADD_ALL_SIZE) {
            List<FoundFile> chunk = files.subList(start, Math.min(files.size(), start + ADD_ALL_SIZE));
            List<MediaFile> results = insertNew(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                then.accept(chunk.get(i), results.get(i));
            }
        }
    }

    /**
     * Catalogs {@code files} (new paths, at most {@link #ADD_ALL_SIZE}) in one transaction and returns their rows in
     * order. The one write that may run on a thread other than the scan thread: a first scan hands its batches to
     * an inserting thread while it walks on, one batch at a time and with nothing else queued here (see
     * {@code ScanRun}), so that SQLite's work overlaps the walk's instead of following it.
     */
    List<MediaFile> insertNew(List<FoundFile> files) {
        List<NewMediaFile> rows = new ArrayList<>(files.size());
        files.forEach(file -> rows.add(file.toNew()));
        return commit(batch -> batch.addAll(rows));
    }

    void flush() {
        holding = false;
        if (writes.isEmpty()) {
            return;
        }
        List<Function<CatalogBatch, List<MediaFile>>> batchWrites = List.copyOf(writes);
        List<Consumer<List<MediaFile>>> callbacks = List.copyOf(afterCommit);
        int expected = queuedRows;
        writes.clear();
        afterCommit.clear();
        queuedRows = 0;
        List<List<MediaFile>> perWrite = new ArrayList<>(batchWrites.size());
        commit(batch -> {
            perWrite.clear();
            List<MediaFile> rows = new ArrayList<>(expected);
            for (Function<CatalogBatch, List<MediaFile>> write : batchWrites) {
                List<MediaFile> written = write.apply(batch);
                perWrite.add(written);
                rows.addAll(written);
            }
            return rows;
        });
        for (int i = 0; i < perWrite.size(); i++) {
            callbacks.get(i).accept(perWrite.get(i));
        }
    }

    /** One recoverable transaction; its rows keep the snapshot current. */
    private List<MediaFile> commit(Function<CatalogBatch, List<MediaFile>> work) {
        long[] before = {-1};
        List<MediaFile> results;
        try {
            results = catalog.writeRecoverable(batch -> {
                // Under the catalog's writer lock: nobody else can commit between this read and our commit.
                before[0] = catalog.generation();
                return work.apply(batch);
            });
        } catch (RuntimeException e) {
            known.invalidate();
            throw e;
        }
        // On the inserting thread too, while the walk looks rows up on its workers (PackedRows is locked for that):
        // applied now rather than after the walk, which would keep every row of a first scan until it ends.
        known.committed(before[0], results);
        return results;
    }
}
