package org.giggityflix.peer.scanner.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.KnownFile;

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
 * <p>With worker threads, the system calls (listing folders, {@code stat} of every entry) run ahead of the walk on
 * those threads, one folder per task, roughly in the order the walk will want them ({@link Prefetch}); the walk
 * itself (order, rules, dedupe, problems) stays on the caller's thread and decides exactly as without them, so a
 * file reachable twice is always found under the same path.
 */
final class TreeWalker {

    /** Prefetching tasks running at once: the scanner's worker pool has two threads (and the machine two cores). */
    static final int PREFETCH_THREADS = 2;

    private static final long POLL_MILLIS = 20;

    /**
     * One entry of a folder: its attributes, or why they could not be read, or that its name cannot be used; and
     * what the rules say of it, decided where it was read: whether the walk may enter it (a folder), or the
     * {@link FoundFile} it is (a media file), with its file system key for the dedupe.
     */
    private record Entry(Path path, boolean representable, BasicFileAttributes attributes, IOException failure,
                         boolean enters, FoundFile file, Object key) {

        static Entry unrepresentable(Path path) {
            return new Entry(path, false, null, null, false, null, null);
        }

        static Entry failed(Path path, IOException failure) {
            return new Entry(path, true, null, failure, false, null, null);
        }
    }

    /** A folder's entries in name order (hidden ones left out), and why listing stopped early, if it did. */
    private record Listing(List<Entry> entries, Exception failure) {
    }

    private final PathRules rules;
    private final ProblemLog problems;
    private final Consumer<Path> onFolder;
    private final ExecutorService workers;
    private final Set<Object> seenFolders = new HashSet<>();
    private final Set<Object> seenFiles = new HashSet<>();
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
        Prefetch prefetch = pending.isEmpty() ? null : Prefetch.start(this, root, known, pending.peek(), workers);
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
            } else if (entry.file() != null
                    && seenFiles.add(entry.key() != null ? entry.key() : identity(entry.path(), entry.attributes()))) {
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
        if (seenFolders.add(identity(folder, attributes))) {
            pending.push(folder);
        }
    }

    /** Tells the watcher of {@code folder}, then reads it: watched first, so nothing created meanwhile is lost. */
    private Listing watchAndRead(Path folder, Path root, Function<Path, KnownFile> known) {
        onFolder.accept(folder);
        return read(folder, root, rules, known);
    }

    /**
     * Lists a folder and reads the attributes of its entries (the system calls of a walk), and applies the rules to
     * each; thread-safe. Hidden entries are left out without a {@code stat}, names that cannot be used are marked and
     * not examined. Modification times are kept to the millisecond: what every catalog store can hold and compare.
     */
    private static Listing read(Path folder, Path root, PathRules rules, Function<Path, KnownFile> known) {
        List<Path> paths = new ArrayList<>();
        Exception failure = null;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(paths::add);
        } catch (IOException | DirectoryIteratorException e) {
            failure = e;
        }
        paths.sort(Comparator.comparing(Path::toString));
        List<Entry> entries = new ArrayList<>(paths.size());
        for (Path path : paths) {
            // The name is read in the path's text (already made for sorting): no second Path, decoding or copy.
            String text = path.toString();
            int nameStart = text.lastIndexOf(File.separatorChar) + 1;
            if (!representable(path, text, nameStart)) {
                entries.add(Entry.unrepresentable(path));
            } else if (!PathRules.hidden(text, nameStart)) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (IOException e) {
                    entries.add(Entry.failed(path, e));
                    continue;
                }
                if (attributes.isDirectory()) {
                    entries.add(new Entry(path, true, attributes, null, rules.entersDirectory(path), null, null));
                } else if (attributes.isRegularFile() && rules.includesFile(text, nameStart)) {
                    Object key = attributes.fileKey(); // a new object per call: once
                    FoundFile file = new FoundFile(path, root, attributes.size(), millis(attributes), key,
                            known.apply(path));
                    if (file.known() == null) {
                        file.prepareNew(); // here rather than on the thread that catalogs it
                    }
                    entries.add(new Entry(path, true, attributes, null, false, file, key));
                }
            }
        }
        return new Listing(entries, failure);
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

    /**
     * Whether the name survives a round trip through a String; if not, the catalog could never open it again. An
     * ASCII name always does (it is checked first: nearly every name is one, and the round trip allocates).
     */
    private static boolean representable(Path entry, String text, int nameStart) {
        boolean ascii = nameStart < text.length();
        for (int i = nameStart; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            return true;
        }
        String name = text.substring(nameStart);
        Path fileName = entry.getFileName();
        if (fileName == null) {
            return false;
        }
        try {
            return entry.getFileSystem().getPath(name).equals(fileName) && name.indexOf('\uFFFD') < 0;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static long millis(BasicFileAttributes attributes) {
        FileTime time = attributes.lastModifiedTime();
        long millis = time.to(TimeUnit.MILLISECONDS);
        if (millis >= 0 && millis < Long.MAX_VALUE) {
            return millis; // truncation is the floor for times after 1970, without an Instant
        }
        try {
            return time.toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            return attributes.lastModifiedTime().toInstant().isBefore(Instant.EPOCH) ? Long.MIN_VALUE
                    : Long.MAX_VALUE;
        }
    }

    private static Object identity(Path path, BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        if (key != null) {
            return key;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    static Optional<String> fileKey(BasicFileAttributes attributes) {
        return Optional.ofNullable(attributes.fileKey()).map(Object::toString);
    }

    static String relative(Path root, Path file) {
        if (File.separatorChar == '/' && file.startsWith(root)) {
            // Walked paths are the root plus names, so the text after the root is the relative path.
            String rootText = root.toString();
            String fileText = file.toString();
            int cut = rootText.endsWith("/") ? rootText.length() : rootText.length() + 1;
            if (fileText.length() >= cut) {
                return fileText.substring(cut);
            }
        }
        StringBuilder result = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (result.length() > 0) {
                result.append('/');
            }
            result.append(part);
        }
        return result.toString();
    }

    /**
     * {@code Prefetch} is responsible for reading folders ahead of one walk on the worker threads: a task lists a
     * folder, reads its entries' attributes, and queues the subfolders the walk may enter (first one on top, so the
     * workers follow the walk's depth-first order). The walk takes each listing when it gets to the folder, or
     * reads the folder itself when no task did (a folder reached a second way, a task that failed).
     */
    private static final class Prefetch {

        /** A folder to read, and where its listing goes (the walk may already hold that future). */
        private record Task(Path folder, CompletableFuture<Listing> listing, AtomicBoolean started) {
        }

        private final TreeWalker walker;
        private final Path root;
        private final Function<Path, KnownFile> known;
        private final Map<Path, Task> listings = new ConcurrentHashMap<>();
        /** Folder identities queued by any task: the loop guard of the prefetch (the walk keeps its own). */
        private final Set<Object> claimed = ConcurrentHashMap.newKeySet();
        private final LinkedBlockingDeque<Task> queue = new LinkedBlockingDeque<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private volatile boolean stopped;

        private Prefetch(TreeWalker walker, Path root, Function<Path, KnownFile> known) {
            this.walker = walker;
            this.root = root;
            this.known = known;
        }

        /** Starts reading {@code start} and below on {@code workers}; null when there are none to run on. */
        static Prefetch start(TreeWalker walker, Path root, Function<Path, KnownFile> known, Path start,
                              ExecutorService workers) {
            if (workers == null) {
                return null;
            }
            Prefetch prefetch = new Prefetch(walker, root, known);
            try {
                prefetch.claimed.add(identity(start, Files.readAttributes(start, BasicFileAttributes.class)));
                prefetch.schedule(start);
                for (int i = 0; i < PREFETCH_THREADS; i++) {
                    prefetch.running.incrementAndGet();
                    try {
                        workers.execute(prefetch::run);
                    } catch (RejectedExecutionException e) {
                        prefetch.running.decrementAndGet();
                        throw e;
                    }
                }
                return prefetch;
            } catch (IOException | RejectedExecutionException e) {
                // The walk reads every folder itself.
                prefetch.stop();
                return null;
            }
        }

        /**
         * The listing of {@code folder} once read, or null when no task is reading it. A task no worker has started
         * yet is done here and now (the walk would only wait for it), its subfolders queued for the workers.
         */
        Listing take(Path folder) {
            Task task = listings.remove(folder);
            if (task == null) {
                return null;
            }
            if (task.started().compareAndSet(false, true)) {
                readAhead(task);
                return task.listing().getNow(null);
            }
            CompletableFuture<Listing> listing = task.listing();
            try {
                while (true) {
                    try {
                        return listing.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (running.get() == 0 && !listing.isDone()) {
                            return null; // the workers stopped (pool shut down): the walk reads it itself
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("scan stopped");
            } catch (ExecutionException e) {
                return null;
            }
        }

        /** Stops the tasks and waits (briefly) for those running to end: nothing reads on after the walk. */
        void stop() {
            stopped = true;
            queue.forEach(task -> task.listing().complete(null));
            queue.clear();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
            listings.values().forEach(task -> task.listing().complete(null));
        }

        private void schedule(Path folder) {
            Task task = new Task(folder, new CompletableFuture<>(), new AtomicBoolean());
            listings.put(folder, task);
            outstanding.incrementAndGet();
            queue.addFirst(task);
        }

        private void run() {
            try {
                runTasks();
            } finally {
                running.decrementAndGet();
            }
        }

        private void runTasks() {
            try {
                while (!stopped && !Thread.currentThread().isInterrupted()) {
                    Task task = queue.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (task != null) {
                        if (task.started().compareAndSet(false, true)) {
                            readAhead(task);
                        } // else the walk took it over
                    } else if (outstanding.get() == 0) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readAhead(Task task) {
            Path folder = task.folder();
            CompletableFuture<Listing> future = task.listing();
            try {
                Listing listing = walker.watchAndRead(folder, root, known);
                List<Path> subfolders = new ArrayList<>();
                for (Entry entry : listing.entries()) {
                    if (entry.enters() && claimed.add(identity(entry.path(), entry.attributes()))) {
                        subfolders.add(entry.path());
                    }
                }
                // Queued before the listing is handed over: the walk then finds a future for every subfolder.
                for (int i = subfolders.size() - 1; i >= 0 && !stopped; i--) {
                    schedule(subfolders.get(i));
                }
                future.complete(listing);
            } catch (RuntimeException e) {
                future.complete(null);
            } finally {
                outstanding.decrementAndGet();
            }
        }
    }
}
