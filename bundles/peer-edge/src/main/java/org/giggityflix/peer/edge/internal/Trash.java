package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Trash} is responsible for the peer's trash folder under DATA_DIR: a file the Edge deletes is moved here
 * (one folder per day), never unlinked, and removed for good only after the retention period.
 */
final class Trash {

    private static final Logger LOG = LoggerFactory.getLogger(Trash.class);

    private final Path root;
    private final Clock clock;

    Trash(Path dataDir, Clock clock) {
        this.root = dataDir.resolve(EdgeConstants.TRASH_DIR);
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    /** Moves {@code file} into today's trash folder; returns where it went. */
    Path moveIn(Path file, long luid) throws IOException {
        Path day = Files.createDirectories(root.resolve(LocalDate.now(clock).toString()));
        Path target = day.resolve(luid + "-" + file.getFileName());
        for (int n = 1; Files.exists(target); n++) {
            target = day.resolve(luid + "-" + n + "-" + file.getFileName());
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // DATA_DIR on another drive than the media: copy, then remove the original.
            return Files.move(file, target);
        }
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
