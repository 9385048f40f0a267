package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ScanRun} is responsible for one scan: checking the roots, walking them (or some folders of them) as the
 * {@link WalkPlan} says, handing what was found to the {@link Reconciler} (new, changed, moved, gone) — or, when it
 * can only be new, to the {@link FirstScanInserter} while the walk goes on — then hashing.
 *
 * <p>A root that is missing or unreadable is reported and left alone: an unplugged USB drive is not "every file
 * deleted". Files are marked deleted only when their root is there and they are not.
 */
final class ScanRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);

    private final ScanContext context;
    private final ScanScope scope;
    private final ProgressCounter progress;
    private final ProblemLog problems;
    private final BatchWriter writer;
    private final PathRules rules;
    private final Reconciler reconciler;
    private final FirstScanInserter inserter;
    private HashStage hashStage;
    private TreeWalker walker;
    /**
     * Whether files under the root being walked that the catalog has no row for are cataloged while the walk goes on
     * ({@link FirstScanInserter}): only when nothing they could be a move of exists, so that "new" is certain before
     * the walk ends — a first scan, or a media dir added beside a library whose files were all found again.
     */
    private boolean catalogWhileWalking;
    /** Whether any root of this run was cataloged while walked (its rows are matched but not in the known maps). */
    private boolean catalogedWhileWalking;
    /** Live rows under the roots walked so far, and how many of them the walk found (see {@link #walk}). */
    private long liveRowsWalked;
    private long liveRowsFound;

    ScanRun(ScanContext context, ScanScope scope, ProgressCounter progress, ProblemLog problems) {
        this.context = context;
        this.scope = scope;
        this.progress = progress;
        this.problems = problems;
        this.writer = new BatchWriter(context.catalog(), context.known(), BatchWriter.BATCH_SIZE);
        this.rules = context.rules();
        // immutable: each WorkItem keeps it without a copy
        this.reconciler = new Reconciler(context, scope, progress, writer, Set.copyOf(effectiveAlgorithms()));
        this.inserter = new FirstScanInserter(writer, reconciler::inserted);
    }

    /** Runs the scan; the report lists what went wrong, the scan itself only stops for a failing catalog. */
    ScanReport run() {
        long started = System.nanoTime();
        try {
            walk();
            // every row the walk found is in the catalog from here on
            List<KnownFile> gone = reconciler.reconcile(catalogedWhileWalking, this::shielded);
            logCataloged(started, countWorkToRead());
            hashStage = new HashStage(context, progress, problems, writer);
            hashStage.run(reconciler.items());
            reconciler.deleteUnclaimed(gone, hashStage.claimed());
            writer.flush();
        } catch (CatalogException e) {
            problems.add("catalog error, scan stopped: " + e.getMessage());
        } finally {
            context.known().trim();
        }
        return new ScanReport(progress.snapshot(), context.clock().instant(), problems.lines());
    }

    /**
     * Says when the library is browsable: a first scan of a large library catalogs every file in seconds, then
     * reads each one for its digests, which can take hours; the person who started it wants to know which phase
     * it is in. Scans of a few watched folders, and scans that found nothing to do, say it at debug level.
     */
    private void logCataloged(long started, long filesToRead) {
        boolean worthSaying = scope.everything() && (progress.filesNew.get() > 0 || progress.filesChanged.get() > 0
                || filesToRead > 0);
        if (worthSaying ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
            String line = String.format(Locale.ROOT, "%,d files found, %,d new and %,d changed cataloged in %.2f s;"
                            + " %,d to hash (%,d MiB)", progress.filesSeen.get(), progress.filesNew.get(),
                    progress.filesChanged.get(), (System.nanoTime() - started) / 1e9, filesToRead,
                    progress.bytesToHash.get() >> 20);
            if (worthSaying) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
    }

    /** Counts what the hashing stage will read into the progress (the ETA's basis); returns how many files. */
    private long countWorkToRead() {
        long files = 0;
        long bytes = 0;
        for (WorkItem item : reconciler.items()) {
            if (item.reads()) {
                files++;
                bytes += item.file().size();
            }
        }
        progress.bytesToHash.addAndGet(bytes);
        return files;
    }

    /** Folders with files still being copied; empty before {@link #run()}. */
    Set<Path> unsettled() {
        return hashStage == null ? Set.of() : hashStage.unsettled();
    }

    private void walk() {
        walker = new TreeWalker(rules, problems, context.onFolder(), context.hashPool());
        WalkPlan plan = new WalkPlan(context, scope, rules);
        for (Path root : plan.roots()) {
            catalogWhileWalking = plan.onlyNewFilesUnder(root, liveRowsFound == liveRowsWalked);
            catalogedWhileWalking |= catalogWhileWalking;
            walkRoot(root, plan.targets(root));
        }
        walker.forgetVisited();
    }

    private void walkRoot(Path root, List<WalkPlan.Target> targets) {
        RootStatus status = checkRoot(root);
        if (status.state() != RootStatus.State.OK) {
            context.rootStatuses().put(root, status);
            problems.add("media folder " + root + " " + status.message() + "; its files are left as they were");
            return;
        }
        // The scanner's copy when nobody else wrote since the last scan, else the rows (only the columns
        // reconciling needs) loaded from the catalog: a rescan of a large library would load every row of its roots.
        PackedRows rows = context.known().rowsUnder(context.catalog(), root);
        if (looksUnmounted(root, rows)) {
            return;
        }
        context.rootStatuses().put(root, status);
        liveRowsWalked += rows.live();
        for (WalkPlan.Target target : targets) {
            // Rows are looked up where folders are read (the worker threads) while the rows cataloged meanwhile are
            // put into the same snapshot on the inserting thread (PackedRows is locked for both): a lookup only
            // ever asks for a path not walked yet, which no row cataloged by this walk has.
            try {
                walker.walk(root, target.start(), this::walked, rows::get);
                inserter.drain();
            } finally {
                inserter.finish();
            }
            reconciler.walked(root, target.start(), rows);
        }
    }

    /**
     * An empty root that the catalog remembers files under is most likely a mount point whose drive is not
     * mounted; treating it as missing keeps the catalog intact until the drive returns.
     */
    private boolean looksUnmounted(Path root, PackedRows rows) {
        if (rows.live() == 0 || !isEmptyFolder(root)) {
            return false;
        }
        RootStatus status = new RootStatus(root, RootStatus.State.MISSING,
                "is empty (drive not mounted?); its cataloged files are kept");
        context.rootStatuses().put(root, status);
        problems.add("media folder " + root + " " + status.message());
        return true;
    }

    /**
     * A file the walk found. An unchanged READY file with nothing left to do (nearly every file of a rescan) is only
     * counted as matched and let go: keeping 100,000 of them until reconciling made every young collection copy them.
     */
    private void walked(FoundFile file) {
        progress.filesSeen.incrementAndGet();
        KnownFile row = file.known();
        if (row != null && row.status() != MediaStatus.DELETED) {
            liveRowsFound++; // one path per row: each live row is found at most once
        }
        if (row != null && reconciler.nothingToDo(file, row)) {
            reconciler.matched(row);
        } else if (row == null && catalogWhileWalking) {
            progress.filesNew.incrementAndGet();
            inserter.add(file);
        } else {
            reconciler.found(file);
        }
    }

    /** Rows below a folder that could not be listed, or entries that could not be examined, are not "gone". */
    private boolean shielded(Path path) {
        return walker.unstatable().contains(path) || walker.unlisted().stream().anyMatch(path::startsWith);
    }

    static RootStatus checkRoot(Path root) {
        if (!Files.exists(root)) {
            return new RootStatus(root, RootStatus.State.MISSING, "does not exist");
        }
        if (!Files.isDirectory(root)) {
            return new RootStatus(root, RootStatus.State.UNREADABLE, "is not a folder");
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            return new RootStatus(root, RootStatus.State.OK, "");
        } catch (IOException e) {
            return new RootStatus(root, RootStatus.State.UNREADABLE, "cannot be read: " + e.getMessage());
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            return !stream.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Configured algorithms that are installed; unknown names are reported and the default stands in. */
    private Set<String> effectiveAlgorithms() {
        Set<String> available = context.hasher().availableAlgorithms();
        Set<String> wanted = new LinkedHashSet<>(context.settings().hashAlgorithms());
        for (String name : wanted) {
            if (!available.contains(name)) {
                problems.add("hash algorithm '" + name + "' is not installed (available: " + available + ")");
            }
        }
        wanted.retainAll(available);
        if (wanted.isEmpty()) {
            wanted.addAll(AlgorithmNames.normaliseAll(
                    ScannerSettings.commaList(ScannerConstants.DEFAULT_HASH_ALGORITHMS)));
            wanted.retainAll(available);
            if (!wanted.isEmpty()) {
                problems.add("none of the configured hash algorithms is installed; using " + wanted);
            } else {
                problems.add("no hash algorithm is installed; files stay PENDING until a HashProvider is");
            }
        }
        return wanted;
    }
}
