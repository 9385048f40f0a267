package org.giggityflix.peer.scanner.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.osgi.common.NamedThreads;

/**
 * {@code FirstScanInserter} is responsible for cataloging the files a walk found that can only be new (a first
 * scan, or a media dir added beside a library whose files were all found again) while the walk goes on: in batches
 * of {@link BatchWriter#ADD_ALL_SIZE}, or sooner when the walk is slow, on its own inserting thread, at most
 * {@link #INSERTS_UNDER_WAY} batches ahead of the scan thread, which takes the rows back in walk order.
 */
final class FirstScanInserter {

    /** How long a new file found by a first scan's walk waits at most for its batch to fill before it is written. */
    private static final long WALKED_NEW_MAX_WAIT_NANOS = 250_000_000L;
    /**
     * Batches the walk may hand to the inserting thread before it waits for the oldest: one being inserted, one
     * ready, so that neither thread waits for the other and at most two batches of found files are held.
     */
    private static final int INSERTS_UNDER_WAY = 2;

    private final BatchWriter writer;
    private final BiConsumer<FoundFile, MediaFile> inserted;
    /** New files found by the walk and not yet written. */
    private List<FoundFile> walkedNew = new ArrayList<>();
    private long walkedNewSince;
    /** Batches of new files handed to {@link #inserter} and not taken back yet, oldest first. */
    private final Deque<Inserting> inserting = new ArrayDeque<>();
    /** The thread that catalogs a first scan's batches while the walk goes on; made on the first batch. */
    private ExecutorService inserter;
    /** Set by the inserting thread when a batch failed: the ones after it are not written. */
    private volatile boolean insertFailed;

    /** A batch of new files being cataloged, and its rows to come (in the same order). */
    private record Inserting(List<FoundFile> files, Future<List<MediaFile>> rows) {
    }

    /** @param inserted told, on the scan thread, of each file cataloged and its row, in walk order */
    FirstScanInserter(BatchWriter writer, BiConsumer<FoundFile, MediaFile> inserted) {
        this.writer = writer;
        this.inserted = inserted;
    }

    /**
     * A file that can only be new: cataloged in batches of {@link BatchWriter#ADD_ALL_SIZE} while the walk's worker
     * threads read on, or sooner when the walk is slow, rather than after the walk: the library is browsable sooner,
     * and inserting overlaps walking. Same rows, order and hashing as reconciling would give.
     */
    void add(FoundFile file) {
        if (walkedNew.isEmpty()) {
            walkedNewSince = System.nanoTime();
        }
        walkedNew.add(file);
        if (walkedNew.size() >= BatchWriter.ADD_ALL_SIZE
                || System.nanoTime() - walkedNewSince > WALKED_NEW_MAX_WAIT_NANOS) {
            write();
        }
    }

    /** The walk of a folder ended: what is left is written, and every batch's rows taken back. */
    void drain() {
        write();
        takeInserted(0);
    }

    /**
     * Hands the batch of new files to the inserting thread and walks on: SQLite's work for one batch overlaps the
     * walk's bookkeeping for the next. Batches commit one after the other in walk order (one thread), so luids still
     * follow the walk; their rows are taken back here, on the scan thread, which alone updates the run's state.
     */
    private void write() {
        if (walkedNew.isEmpty()) {
            return;
        }
        List<FoundFile> files = walkedNew;
        walkedNew = new ArrayList<>();
        if (inserter == null) {
            inserter = Executors.newSingleThreadExecutor(new NamedThreads("peer-scanner-insert"));
        }
        inserting.add(new Inserting(files, inserter.submit(() -> insert(files))));
        takeInserted(INSERTS_UNDER_WAY);
    }

    /** On the inserting thread: one batch, unless an earlier one failed (the scan is stopping; keep what is whole). */
    private List<MediaFile> insert(List<FoundFile> files) {
        if (insertFailed) {
            throw new CancellationException("an earlier batch failed");
        }
        try {
            return writer.insertNew(files);
        } catch (RuntimeException e) {
            insertFailed = true;
            throw e;
        }
    }

    /** Takes back the rows of finished batches, waiting for the oldest while more than {@code atMost} are under way. */
    private void takeInserted(int atMost) {
        while (!inserting.isEmpty() && (inserting.size() > atMost || inserting.peek().rows().isDone())) {
            Inserting batch = inserting.remove();
            List<MediaFile> rows = await(batch.rows());
            for (int i = 0; i < rows.size(); i++) {
                inserted.accept(batch.files().get(i), rows.get(i));
            }
        }
    }

    private static List<MediaFile> await(Future<List<MediaFile>> rows) {
        try {
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("scan stopped");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // a CatalogException stops the scan as it would on the scan thread
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Ends the inserting thread's part of a walk, so that no write of this scan is left running once it returns. A
     * walk that ended normally has taken every batch back already. After a catalog error the batches still waiting
     * are skipped ({@link #insertFailed}); a scan being stopped also interrupts the batch being written (its
     * transaction commits or rolls back whole). Either way the next scan finds the files not cataloged again.
     */
    void finish() {
        if (inserter == null) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            inserter.shutdownNow();
        } else {
            inserter.shutdown();
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (inserter.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        inserter = null;
        inserting.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
