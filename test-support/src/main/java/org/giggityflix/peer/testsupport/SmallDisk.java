package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        if (run(List.of("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", dir.toString()))) {
            return Optional.of(new SmallDisk(dir));
        }
        return Optional.empty();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        run(List.of("umount", "-l", dir.toString()));
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
