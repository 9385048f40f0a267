package org.giggityflix.peer.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code MediaTree} is responsible for writing media folders for tests: files of random (seeded) bytes at given
 * relative paths, empty files, symlinks, and remembering which files were written so a test can compare them
 * with what the peer cataloged.
 *
 * <p>Random bytes are not valid video: the peer hashes them and its FFmpeg probe marks them {@code error}.
 */
public final class MediaTree {

    private final Path root;
    private final Random random;
    private final List<Path> files = new ArrayList<>();

    MediaTree(Path root) {
        this.root = root;
        this.random = new Random(root.toString().hashCode());
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** A file of {@code size} random bytes at {@code relative} (folders created). */
    public MediaTree file(String relative, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return write(relative, bytes);
    }

    /** A file with exactly these bytes. */
    public MediaTree write(String relative, byte[] bytes) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(file);
        return this;
    }

    /** A symbolic link at {@code relative} pointing to {@code target} (relative targets are kept as given). */
    public MediaTree symlink(String relative, String target) {
        Path link = root.resolve(relative);
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A folder (possibly empty). */
    public MediaTree folder(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code count} files named {@code prefix-<i><extension>} of {@code size} bytes in {@code folder}. */
    public MediaTree many(String folder, String prefix, String extension, int count, int size) {
        for (int i = 0; i < count; i++) {
            file(folder + "/" + prefix + "-" + i + extension, size);
        }
        return this;
    }

    /** Every file written so far, absolute. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }
}
