package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * {@code DriveLimiter} is responsible for limiting how many files are read at once from one drive: two readers
 * on one spinning disk are slower together than one after the other, while two drives can be read in parallel.
 */
final class DriveLimiter {

    private final int permitsPerDrive;
    private final Map<Object, Semaphore> semaphores = new ConcurrentHashMap<>();

    DriveLimiter(int permitsPerDrive) {
        this.permitsPerDrive = Math.max(1, permitsPerDrive);
    }

    int permitsPerDrive() {
        return permitsPerDrive;
    }

    /** The semaphore guarding reads of the drive (file store) holding {@code file}. */
    Semaphore forFile(Path file) throws IOException {
        return semaphores.computeIfAbsent(driveOf(file), drive -> new Semaphore(permitsPerDrive, true));
    }

    /**
     * Identifies the file store of a file. The device number is one stat and names the same store as
     * {@link Files#getFileStore}, which on Linux re-reads the mount table on every call.
     */
    private static Object driveOf(Path file) throws IOException {
        try {
            return "dev:" + Files.getAttribute(file, "unix:dev");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(file);
        }
    }
}
