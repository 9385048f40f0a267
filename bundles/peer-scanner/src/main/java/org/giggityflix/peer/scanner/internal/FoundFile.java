package org.giggityflix.peer.scanner.internal;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code FoundFile} is responsible for carrying what the walk saw of one media file.
 *
 * <p>A rescan sees every file and needs, for nearly all of them, only the path, size and modification time: the
 * relative path, the file key as text and the {@link Instant} are derived on first use, not for every file walked.
 * Instances are compared by identity (each walk makes one per file).
 */
final class FoundFile {

    private final Path path;
    private final Path root;
    private final long size;
    private final long modifiedMillis;
    /** The file system's key object ({@code BasicFileAttributes.fileKey()}), or null. */
    private final Object key;
    /** The catalog's row at this path when the walk looked it up, else null (then reconciling looks). */
    private final KnownFile known;
    private String relativePath;
    private Optional<String> fileKey;

    /**
     * @param path         absolute path as walked (symlinks kept, so it stays under its root)
     * @param root         the media root it was found under
     * @param relativePath relative to {@code root}, '/' separated
     * @param size         bytes
     * @param modified     last-modified time, to the millisecond
     * @param fileKey      device and inode, when the platform gives them
     */
    FoundFile(Path path, Path root, String relativePath, long size, Instant modified, Optional<String> fileKey) {
        this(path, root, size, modified.toEpochMilli(), null);
        this.relativePath = relativePath;
        this.fileKey = fileKey;
    }

    /** As the walker makes it: the rest is derived when asked for. */
    FoundFile(Path path, Path root, long size, long modifiedMillis, Object key) {
        this(path, root, size, modifiedMillis, key, null);
    }

    FoundFile(Path path, Path root, long size, long modifiedMillis, Object key, KnownFile known) {
        this.path = path;
        this.root = root;
        this.size = size;
        this.modifiedMillis = modifiedMillis;
        this.key = key;
        this.known = known;
    }

    KnownFile known() {
        return known;
    }

    Path path() {
        return path;
    }

    Path root() {
        return root;
    }

    long size() {
        return size;
    }

    long modifiedMillis() {
        return modifiedMillis;
    }

    Instant modified() {
        return Instant.ofEpochMilli(modifiedMillis);
    }

    String relativePath() {
        if (relativePath == null) {
            relativePath = relative(root, path);
        }
        return relativePath;
    }

    Optional<String> fileKey() {
        if (fileKey == null) {
            fileKey = Optional.ofNullable(key).map(Object::toString);
        }
        return fileKey;
    }

    /**
     * Derives what cataloging a new file needs (relative path, file-key text), on the thread that found it: the
     * walk's workers, ahead of the thread that writes the rows. The listing that carries this object to the walk
     * (a completed future) publishes the fields.
     */
    void prepareNew() {
        relativePath();
        fileKey();
    }

    NewMediaFile toNew() {
        return new NewMediaFile(path, root, relativePath(), size, modified(), fileKey());
    }

    String extension() {
        Path name = path.getFileName();
        return name == null ? "" : PathRules.extensionOf(name.toString());
    }

    @Override
    public String toString() {
        return "FoundFile[" + path + ", " + size + " bytes, " + modified() + "]";
    }

    /** {@code file}'s path below {@code root}, with {@code /} between names. */
    private static String relative(Path root, Path file) {
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
}
