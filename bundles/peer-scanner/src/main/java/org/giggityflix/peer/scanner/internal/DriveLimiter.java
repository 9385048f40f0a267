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
 *
 * <p>What hurts a spinning disk is two long sequential reads interleaved: it seeks back and forth between them.
 * A file that fits in one read request ({@link #SMALL_FILE_BYTES}) is one seek however it is scheduled, and a
 * drive's queue orders several such requests well (from the page cache they cost no seek at all). So each of the
 * {@code readersPerDrive} reading slots is split into {@link #SHARES} shares: a small file takes one share, a large
 * file all of them. Large files are read exactly as before (never beside another read of the drive), while up to
 * {@code SHARES} small files per slot are read at once, on as many threads as hash (a library of many small files
 * is then hashed on every core instead of one).
 */
final class DriveLimiter {

    /** Small files per reading slot read at the same time. */
    static final int SHARES = 4;

    /** A file up to this size is read in one request ({@code SinglePassFileHasher.CHUNK_BYTES}). */
    static final long SMALL_FILE_BYTES = SinglePassFileHasher.CHUNK_BYTES;

    private final int permitsPerDrive;
    private final Map<Object, Semaphore> semaphores = new ConcurrentHashMap<>();

    DriveLimiter(int permitsPerDrive) {
        this.permitsPerDrive = Math.max(1, permitsPerDrive);
    }

    int permitsPerDrive() {
        return permitsPerDrive;
    }

    /** The semaphore guarding reads of the drive (file store) holding {@code file}; take {@link #shares} of it. */
    Semaphore forFile(Path file) throws IOException {
        // Fair: a large file waiting for all shares is not overtaken by a stream of small ones.
        return semaphores.computeIfAbsent(driveOf(file), drive -> new Semaphore(permitsPerDrive * SHARES, true));
    }

    /** The shares of a drive's semaphore a read of {@code size} bytes takes. */
    static int shares(long size) {
        return size <= SMALL_FILE_BYTES ? 1 : SHARES;
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
