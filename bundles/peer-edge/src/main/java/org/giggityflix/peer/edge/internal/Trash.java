package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Trash} is responsible for the peer's trash folder under DATA_DIR: a file the Edge deletes is moved here
 * (one folder per day), never unlinked, and removed for good only after the retention period. The trash holds at
 * most a share of its drive, and a file from another drive is copied only when that leaves room to spare: otherwise
 * the file stays where it is and {@link Full} says why, rather than the disk of the catalog filling up.
 */
final class Trash {

    private static final Logger LOG = LoggerFactory.getLogger(Trash.class);
    /** Free space a copy from another drive leaves at least: 64 MiB, or 1 % of the drive when that is more. */
    private static final long MIN_RESERVE = 64L << 20;

    /** The drives under the trash and the deleted files, replaceable in tests; the file stores in the peer. */
    interface Drives {
        /** Size of the drive holding {@code path}. */
        long total(Path path) throws IOException;

        /** Bytes this process may still write on the drive holding {@code path}. */
        long usable(Path path) throws IOException;

        /** Whether both paths are on one drive (a move is a rename). */
        boolean same(Path a, Path b) throws IOException;
    }

    /** The JDK's file stores. */
    static final Drives FILE_STORES = new Drives() {
        @Override
        public long total(Path path) throws IOException {
            return Files.getFileStore(path).getTotalSpace();
        }

        @Override
        public long usable(Path path) throws IOException {
            return Files.getFileStore(path).getUsableSpace();
        }

        @Override
        public boolean same(Path a, Path b) throws IOException {
            return Files.getFileStore(a).equals(Files.getFileStore(b));
        }
    };

    /** A file the trash refused to take: at its cap, or no room for a copy. Nothing was moved. */
    static final class Full extends IOException {
        private static final long serialVersionUID = 1L;

        Full(String message) {
            super(message);
        }
    }

    private final Path root;
    private final Clock clock;
    private final int maxPercent;
    private final Drives drives;

    Trash(Path dataDir, Clock clock) {
        this(dataDir, clock, EdgeSettings.DEFAULT_TRASH_MAX_PERCENT);
    }

    Trash(Path dataDir, Clock clock, int maxPercent) {
        this(dataDir, clock, maxPercent, FILE_STORES);
    }

    /** @param maxPercent the cap, in percent (1-100) of the drive the trash is on */
    Trash(Path dataDir, Clock clock, int maxPercent, Drives drives) {
        this.root = dataDir.resolve(EdgeConstants.TRASH_DIR);
        this.clock = clock;
        this.maxPercent = maxPercent;
        this.drives = drives;
    }

    Path root() {
        return root;
    }

    /**
     * Moves {@code file} into today's trash folder; returns where it went. One at a time, so two deletes cannot
     * both pass the cap.
     *
     * @throws Full when the trash is at its cap or a copy from another drive would leave too little room
     */
    synchronized Path moveIn(Path file, long luid) throws IOException {
        long size = Files.size(file);
        Files.createDirectories(root);
        long total = drives.total(root);
        long cap = total / 100 * maxPercent;
        long held = size(root);
        if (held + size > cap) {
            throw new Full("the trash is at its cap: it holds " + mib(held) + " of " + mib(cap) + " (trashMaxPercent="
                    + maxPercent + " % of its drive) and this file is " + mib(size) + "; empty " + root
                    + " or raise trashMaxPercent");
        }
        boolean sameDrive = drives.same(file, root);
        if (!sameDrive) {
            checkRoomForCopy(size, total);
        }
        Path day = Files.createDirectories(root.resolve(LocalDate.now(clock).toString()));
        Path target = day.resolve(luid + "-" + file.getFileName());
        for (int n = 1; Files.exists(target); n++) {
            target = day.resolve(luid + "-" + n + "-" + file.getFileName());
        }
        if (sameDrive) {
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                checkRoomForCopy(size, total);
            }
        }
        // DATA_DIR on another drive than the media: copy, then remove the original.
        try {
            return Files.move(file, target);
        } catch (IOException e) {
            if (Files.exists(file)) {
                Files.deleteIfExists(target); // a half-made copy; the original is still there
            }
            throw e;
        }
    }

    private void checkRoomForCopy(long size, long total) throws IOException {
        long usable = drives.usable(root);
        long reserve = Math.max(MIN_RESERVE, total / 100);
        if (usable - size < reserve) {
            throw new Full("no room to copy the file into the trash on another drive: it is " + mib(size) + ", "
                    + mib(usable) + " free there, and " + mib(reserve) + " must stay free; empty " + root
                    + " or free space on its drive");
        }
    }

    /** Bytes of the files under {@code dir}. */
    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // gone meanwhile
                }
            }).sum();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Removes day folders older than {@code retentionDays}; returns how many were removed. */
    int purge(int retentionDays) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        LocalDate oldestKept = LocalDate.now(clock).minusDays(retentionDays);
        int removed = 0;
        try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
            for (Path day : days) {
                if (isBefore(day, oldestKept) && removeTree(day)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the trash folder {}: {}", root, e.toString());
        }
        return removed;
    }

    private static boolean isBefore(Path day, LocalDate oldestKept) {
        try {
            return LocalDate.parse(day.getFileName().toString()).isBefore(oldestKept);
        } catch (DateTimeParseException e) {
            // Not one of ours: leave it alone.
            return false;
        }
    }

    private static boolean removeTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            LOG.info("removed expired trash folder {}", dir);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot remove expired trash folder {}: {}", dir, e.toString());
            return false;
        }
    }
}
