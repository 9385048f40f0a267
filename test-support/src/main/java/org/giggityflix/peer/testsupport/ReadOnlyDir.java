package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ReadOnlyDir} is responsible for making a directory and its files really unwritable for a test, and
 * writable again afterwards.
 *
 * <p>Permission bits do not stop root (CI runs as root), so when they are not enough it also sets the immutable
 * attribute ({@code chattr +i}), which stops root too. {@link #isReadOnly()} says whether either worked.
 */
public final class ReadOnlyDir implements AutoCloseable {

    private static final Set<PosixFilePermission> READ_ONLY_DIR = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> READ_ONLY_FILE = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> WRITABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> WRITABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;
    private final List<Path> files;
    private boolean immutable;

    private ReadOnlyDir(Path dir, List<Path> files) {
        this.dir = dir;
        this.files = files;
    }

    /** Makes {@code dir} and the files in it unwritable until {@link #close()}; see {@link #isReadOnly()}. */
    public static ReadOnlyDir of(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = new ArrayList<>(listing.toList());
        }
        ReadOnlyDir readOnly = new ReadOnlyDir(dir, files);
        readOnly.lock();
        return readOnly;
    }

    private void lock() throws IOException {
        for (Path file : files) {
            Files.setPosixFilePermissions(file, READ_ONLY_FILE);
        }
        Files.setPosixFilePermissions(dir, READ_ONLY_DIR);
        if (Files.isWritable(dir)) {
            immutable = chattr("+i");
        }
    }

    /** Whether the directory really cannot be written now (false: the test cannot prove anything here). */
    public boolean isReadOnly() {
        return !Files.isWritable(dir);
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            chattr("-i");
        }
        Files.setPosixFilePermissions(dir, WRITABLE_DIR);
        for (Path file : files) {
            Files.setPosixFilePermissions(file, WRITABLE_FILE);
        }
    }

    private boolean chattr(String flag) {
        List<String> command = new ArrayList<>(List.of("chattr", flag));
        files.forEach(file -> command.add(file.toString()));
        command.add(dir.toString());
        try {
            return Commands.run(Commands.LIMIT, command).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
