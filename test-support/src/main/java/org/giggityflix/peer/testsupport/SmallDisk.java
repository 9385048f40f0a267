package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code SmallDisk} is responsible for a really full disk in a test: a tmpfs of a few KiB mounted on a folder, so
 * that writes fail with "No space left on device" exactly as on a full drive, and unmounted again afterwards.
 *
 * <p>Mounting needs root (CI runs as root) and a kernel that lets this process mount; {@link #mount} returns empty
 * where it cannot, so that the test can skip itself instead of failing.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (created if missing), or empty when this machine cannot. */
    public static Optional<SmallDisk> mount(Path dir, int kib) throws IOException {
        Files.createDirectories(dir);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", dir.toString())) {
            return Optional.of(new SmallDisk(dir));
        }
        return Optional.empty();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        run("umount", "-l", dir.toString());
    }

    /** Whether {@code command} ran and exited 0 (false when it could not run, timed out or was interrupted). */
    private static boolean run(String... command) {
        try {
            return Commands.run(command).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
