package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.scanner.internal.FolderReader.Entry;
import org.giggityflix.peer.scanner.internal.FolderReader.Listing;

/**
 * {@code TreeWalker} is responsible for walking media folders, following symbolic links safely: every folder and
 * every file is visited at most once per scan (by device and inode), so a link loop ends and a file reachable
 * twice is found once. What cannot be read becomes a problem line; the walk goes on.
 *
 * <p>It is an explicit-stack walk rather than {@code Files.walkFileTree(FOLLOW_LINKS)} because it must also tell
 * the watcher about each folder before listing it, remember which folders could not be listed (their files are
 * not "deleted"), and dedupe across roots. The watcher is told on the thread that lists the folder and before it
 * lists it ({@code onFolder} returns once the folder is watched): a file created while the folder is being listed
 * is then either in the listing or reported by the watch, never missed by both.
 *
 * <p>Reading a folder (its listing, the {@code stat} of every entry, the rules) is {@link FolderReader}'s. With
 * worker threads, those system calls run ahead of the walk on those threads, one folder per task, roughly in the
 * order the walk will want them ({@link FolderPrefetch}); the walk itself (order, dedupe, problems) stays on the
 * caller's thread and decides exactly as without them, so a file reachable twice is always found under the same
 * path.
 */
final class TreeWalker {

    /** Prefetching tasks running at once: the scanner's worker pool has two threads (and the machine two cores). */
    static final int PREFETCH_THREADS = 2;

    private final PathRules rules;
    private final ProblemLog problems;
    private final Consumer<Path> onFolder;
    private final ExecutorService workers;
    /** What was visited (by identity), across the roots of a scan until {@link #forgetVisited}. */
    private SeenKeys seenFolders = new SeenKeys();
    private SeenKeys seenFiles = new SeenKeys();
    private final Set<Path> unlisted = new HashSet<>();
    private final Set<Path> unstatable = new HashSet<>();

    TreeWalker(PathRules rules, ProblemLog problems, Consumer<Path> onFolder) {
        this(rules, problems, onFolder, null);
    }

    /** {@code workers} (may be null: everything on the caller's thread) read folders ahead of the walk. */
    TreeWalker(PathRules rules, ProblemLog problems, Consumer<Path> onFolder, ExecutorService workers) {
        this.rules = rules;
        this.problems = problems;
        this.onFolder = onFolder;
        this.workers = workers;
    }

    /**
     * Forgets which files and folders were visited, once every root of the scan is walked: the hashing that follows
     * can take hours, and a first scan of 1,000,000 files visited as many.
     */
    void forgetVisited() {
        seenFolders = new SeenKeys();
        seenFiles = new SeenKeys();
    }

    /** Folders whose listing failed: what the catalog holds below them must not be taken as deleted. */
    Set<Path> unlisted() {
        return unlisted;
    }

    /** Entries that were listed but could not be examined: not deleted either. */
    Set<Path> unstatable() {
        return unstatable;
    }

    /** Walks {@code start} (a folder at or below {@code root}), adding media files to {@code found}. */
    void walk(Path root, Path start, Consumer<FoundFile> found) {
        walk(root, start, found, path -> null);
    }

    /**
     * Walks as {@link #walk(Path, Path, Consumer)}, attaching to each file what {@code known} says of its path
     * (looked up where the folder is read: {@code known} must be safe to read from several threads and must not
     * change until this returns).
     */
    void walk(Path root, Path start, Consumer<FoundFile> found, Function<Path, KnownFile> known) {
        Deque<Path> pending = new ArrayDeque<>();
        enqueueFolder(start, pending);
        FolderPrefetch prefetch = pending.isEmpty() ? null : FolderPrefetch.start(
                folder -> watchAndRead(folder, root, known), pending.peek(), workers, PREFETCH_THREADS);
        try {
            while (!pending.isEmpty()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("scan stopped");
                }
                Path folder = pending.pop();
                Listing listing = prefetch == null ? null : prefetch.take(folder);
                if (listing == null) {
                    listing = watchAndRead(folder, root, known);
                }
                visitEntries(folder, listing, pending, found);
            }
        } finally {
            if (prefetch != null) {
                prefetch.stop();
            }
        }
    }

    private void visitEntries(Path folder, Listing listing, Deque<Path> pending, Consumer<FoundFile> found) {
        if (listing.failure() != null) {
            listFailed(folder, listing.failure());
        }
        List<Entry> entries = listing.entries();
        // Reverse order on the stack so that folders are walked in name order.
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (!entry.representable()) {
                problems.add("name not representable in this JVM's file-name encoding ("
                        + System.getProperty("sun.jnu.encoding") + "), skipped: " + entry.path());
                unstatable.add(entry.path());
            } else if (entry.failure() != null) {
                statFailed(entry.path(), entry.failure());
            } else if (entry.enters()) {
                enqueueFolder(entry.path(), entry.attributes(), pending);
            } else if (entry.file() != null && seenFiles.add(
                    entry.key() != null ? entry.key() : FolderReader.identity(entry.path(), entry.attributes()))) {
                found.accept(entry.file());
            }
        }
    }

    private void enqueueFolder(Path folder, Deque<Path> pending) {
        try {
            enqueueFolder(folder, Files.readAttributes(folder, BasicFileAttributes.class), pending);
        } catch (IOException e) {
            statFailed(folder, e);
        }
    }

    private void enqueueFolder(Path folder, BasicFileAttributes attributes, Deque<Path> pending) {
        // A folder seen before is a link loop or a second way into the same tree: walking it again adds nothing.
        if (seenFolders.add(FolderReader.identity(folder, attributes))) {
            pending.push(folder);
        }
    }

    /** Tells the watcher of {@code folder}, then reads it: watched first, so nothing created meanwhile is lost. */
    private Listing watchAndRead(Path folder, Path root, Function<Path, KnownFile> known) {
        onFolder.accept(folder);
        return FolderReader.read(folder, root, rules, known);
    }

    private void listFailed(Path folder, Exception failure) {
        if (failure instanceof AccessDeniedException) {
            problems.add("cannot list folder (permission denied): " + folder);
            unlisted.add(folder);
        } else if (failure instanceof NoSuchFileException) {
            problems.add("folder vanished while scanning: " + folder);
        } else {
            problems.add("cannot list folder: " + folder + ": " + failure);
            unlisted.add(folder);
        }
    }

    private void statFailed(Path entry, IOException failure) {
        if (failure instanceof NoSuchFileException) {
            problems.add((Files.isSymbolicLink(entry) ? "broken symbolic link: " : "vanished while scanning: ")
                    + entry);
        } else if (failure instanceof FileSystemLoopException) {
            problems.add("symbolic link loop: " + entry);
        } else {
            problems.add("cannot read attributes: " + entry + ": " + failure);
            unstatable.add(entry);
        }
    }
}
