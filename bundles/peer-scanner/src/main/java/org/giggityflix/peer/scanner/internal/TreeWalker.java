package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * {@code TreeWalker} is responsible for walking media folders, following symbolic links safely: every folder and
 * every file is visited at most once per scan (by device and inode), so a link loop ends and a file reachable
 * twice is found once. What cannot be read becomes a problem line; the walk goes on.
 *
 * <p>It is an explicit-stack walk rather than {@code Files.walkFileTree(FOLLOW_LINKS)} because it must also tell
 * the watcher about each folder before listing it, remember which folders could not be listed (their files are
 * not "deleted"), and dedupe across roots.
 */
final class TreeWalker {

    private final PathRules rules;
    private final ProblemLog problems;
    private final Consumer<Path> onFolder;
    private final Set<Object> seenFolders = new HashSet<>();
    private final Set<Object> seenFiles = new HashSet<>();
    private final Set<Path> unlisted = new HashSet<>();
    private final Set<Path> unstatable = new HashSet<>();

    TreeWalker(PathRules rules, ProblemLog problems, Consumer<Path> onFolder) {
        this.rules = rules;
        this.problems = problems;
        this.onFolder = onFolder;
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
        Deque<Path> pending = new ArrayDeque<>();
        enqueueFolder(start, pending);
        while (!pending.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("scan stopped");
            }
            Path folder = pending.pop();
            onFolder.accept(folder);
            visitEntries(root, folder, list(folder), pending, found);
        }
    }

    private void visitEntries(Path root, Path folder, List<Path> entries, Deque<Path> pending,
                              Consumer<FoundFile> found) {
        // Reverse order on the stack so that folders are walked in name order.
        for (int i = entries.size() - 1; i >= 0; i--) {
            Path entry = entries.get(i);
            if (!representable(entry)) {
                problems.add("name not representable in this JVM's file-name encoding ("
                        + System.getProperty("sun.jnu.encoding") + "), skipped: " + entry);
                unstatable.add(entry);
                continue;
            }
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            stat(entry).ifPresent(attributes -> visitEntry(root, entry, name, attributes, pending, found));
        }
    }

    /** Modification times are kept to the millisecond: what every catalog store can hold and compare. */
    private void visitEntry(Path root, Path entry, String name, BasicFileAttributes attributes,
                            Deque<Path> pending, Consumer<FoundFile> found) {
        if (attributes.isDirectory()) {
            if (rules.entersDirectory(entry)) {
                enqueueFolder(entry, attributes, pending);
            }
        } else if (attributes.isRegularFile() && rules.includesFile(name)
                && seenFiles.add(identity(entry, attributes))) {
            found.accept(new FoundFile(entry, root, relative(root, entry), attributes.size(),
                    attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS),
                    fileKey(attributes)));
        }
    }

    private void enqueueFolder(Path folder, Deque<Path> pending) {
        stat(folder).ifPresent(attributes -> enqueueFolder(folder, attributes, pending));
    }

    private void enqueueFolder(Path folder, BasicFileAttributes attributes, Deque<Path> pending) {
        // A folder seen before is a link loop or a second way into the same tree: walking it again adds nothing.
        if (seenFolders.add(identity(folder, attributes))) {
            pending.push(folder);
        }
    }

    private List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (AccessDeniedException e) {
            problems.add("cannot list folder (permission denied): " + folder);
            unlisted.add(folder);
        } catch (NoSuchFileException e) {
            problems.add("folder vanished while scanning: " + folder);
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            problems.add("cannot list folder: " + folder + ": " + e);
            unlisted.add(folder);
        }
        entries.sort(Comparator.comparing(Path::toString));
        return entries;
    }

    private Optional<BasicFileAttributes> stat(Path entry) {
        try {
            return Optional.of(Files.readAttributes(entry, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            problems.add((Files.isSymbolicLink(entry) ? "broken symbolic link: " : "vanished while scanning: ")
                    + entry);
        } catch (FileSystemLoopException e) {
            problems.add("symbolic link loop: " + entry);
        } catch (IOException e) {
            problems.add("cannot read attributes: " + entry + ": " + e);
            unstatable.add(entry);
        }
        return Optional.empty();
    }

    /** Whether the name survives a round trip through a String; if not, the catalog could never open it again. */
    private static boolean representable(Path entry) {
        Path name = entry.getFileName();
        try {
            return name != null && entry.getFileSystem().getPath(name.toString()).equals(name)
                    && name.toString().indexOf('\uFFFD') < 0;
        } catch (InvalidPathException e) {
            return false;
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
        StringBuilder result = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (result.length() > 0) {
                result.append('/');
            }
            result.append(part);
        }
        return result.toString();
    }
}
