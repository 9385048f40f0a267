package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code Restore} is responsible for putting a backup archive back into a stopped peer: staged and checked first
 * ({@link ArchiveReader}, then the catalog's integrity and schema version through {@link CatalogCheck}, then the peer
 * id), and only when all is well, the peer's current files moved aside into {@code DATA_DIR/before-restore-TIME/}
 * and the archive's moved into place. A refused archive changes nothing; a restored one loses nothing.
 */
final class Restore {

    /** What was put back, and where the replaced files went. */
    record Result(String peerId, int schemaVersion, List<Path> restored, Path previous) {
    }

    private final Path dataDir;
    private final Path etcDir;
    private final CatalogCheck check;
    private final Clock clock;

    Restore(Path dataDir, Path etcDir, CatalogCheck check, Clock clock) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.etcDir = etcDir.toAbsolutePath().normalize();
        this.check = check;
        this.clock = clock;
    }

    /** @param otherPeer whether an archive of another peer may replace the peer id DATA_DIR holds */
    Result run(Path archive, boolean otherPeer) throws RestoreException {
        Path staging;
        try {
            Files.createDirectories(dataDir);
            staging = Files.createTempDirectory(dataDir, ".restore-");
        } catch (IOException e) {
            throw new RestoreException("cannot stage the archive in DATA_DIR " + dataDir + ": " + e, e);
        }
        try {
            ArchiveReader.Staged staged = ArchiveReader.stage(archive, staging);
            checkCatalog(archive, staged);
            checkPeer(archive, staged, otherPeer);
            return apply(staged);
        } finally {
            deleteTree(staging);
        }
    }

    private void checkCatalog(Path archive, ArchiveReader.Staged staged) throws RestoreException {
        CatalogCheck.Result result;
        try {
            result = check.check(staged.file(BackupConstants.CATALOG));
        } catch (IOException e) {
            throw new RestoreException("could not check the archive's catalog: " + e.getMessage(), e);
        }
        if (!result.intact()) {
            throw new RestoreException("refused " + archive + ": its catalog is corrupt (SQLite integrity check: "
                    + result.integrity() + ")");
        }
        if (result.schemaVersion() > result.newestKnown()) {
            throw new RestoreException("refused " + archive + ": its catalog has schema version "
                    + result.schemaVersion() + ", written by a newer peer; this peer knows up to "
                    + result.newestKnown() + ". Upgrade the peer first, then restore");
        }
        if (result.schemaVersion() != staged.schemaVersion()) {
            throw new RestoreException("refused " + archive + ": its catalog has schema version "
                    + result.schemaVersion() + " but its manifest says " + staged.schemaVersion() + " (damaged)");
        }
    }

    private void checkPeer(Path archive, ArchiveReader.Staged staged, boolean otherPeer) throws RestoreException {
        Path idFile = dataDir.resolve(BackupConstants.PEER_ID_FILE);
        if (otherPeer || !Files.isRegularFile(idFile)) {
            return;
        }
        String current;
        try {
            current = Files.readString(idFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new RestoreException("cannot read " + idFile + ": " + e, e);
        }
        if (!current.isEmpty() && !current.equals(staged.peerId())) {
            throw new RestoreException("refused " + archive + ": it is a backup of peer '" + staged.peerId()
                    + "' but DATA_DIR " + dataDir + " belongs to peer '" + current + "'. To make this machine that"
                    + " peer, restore with --other-peer");
        }
    }

    private Result apply(ArchiveReader.Staged staged) throws RestoreException {
        Path previous = dataDir.resolve("before-restore-" + BackupConstants.FILE_TIME.format(clock.instant()));
        List<Path> restored = new ArrayList<>();
        try {
            Path db = dataDir.resolve(BackupConstants.DATABASE_FILE);
            // The WAL and shared-memory files belong to the catalog they sit beside: they go aside with it.
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                moveAside(Path.of(db + suffix), previous);
            }
            place(staged.file(BackupConstants.CATALOG), db, restored);
            for (String entry : staged.entries()) {
                if (entry.startsWith(BackupConstants.DATA)) {
                    Path data = dataDir.resolve(entry.substring(BackupConstants.DATA.length()));
                    moveAside(data, previous);
                    place(staged.file(entry), data, restored);
                } else if (entry.startsWith(BackupConstants.ETC)) {
                    Path setting = etcDir.resolve(entry.substring(BackupConstants.ETC.length()));
                    moveAside(setting, previous.resolve("etc"));
                    place(staged.file(entry), setting, restored);
                }
            }
        } catch (IOException e) {
            throw new RestoreException("restore stopped half-way: " + e + ". The files it replaced are in "
                    + previous + "; move them back by hand", e, false);
        }
        return new Result(staged.peerId(), staged.schemaVersion(), restored, previous);
    }

    private static void moveAside(Path file, Path folder) throws IOException {
        if (Files.exists(file)) {
            Files.createDirectories(folder);
            Files.move(file, folder.resolve(file.getFileName()));
        }
    }

    /** Moves a staged file into place, owned like the folder it goes into (a restore run as root for a service). */
    private static void place(Path staged, Path target, List<Path> restored) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        try {
            UserPrincipal owner = Files.getOwner(target.getParent());
            if (!owner.equals(Files.getOwner(target))) {
                Files.setOwner(target, owner);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not root: the file is the caller's, who also owns the folder in the usual case.
        }
        restored.add(target);
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A staging folder left behind holds only copies; the next restore makes a new one.
        }
    }
}
