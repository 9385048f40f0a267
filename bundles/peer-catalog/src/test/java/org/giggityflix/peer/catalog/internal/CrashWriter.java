package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code CrashWriter} is responsible for being killed: run in a child JVM by {@link CrashRecoveryTest}, it writes
 * batches forever and prints {@code committed <n>} after each commit returns.
 *
 * <p>Batch {@code n} adds {@link #FILES_PER_BATCH} files under {@code /media/batch-<n>/} and hashes each one, so
 * that the parent can tell a whole batch from a part of one; odd batches are written as a scan writes them
 * ({@code writeRecoverable}, {@code addAll}, {@code hashedAll}).
 */
public final class CrashWriter {

    static final int FILES_PER_BATCH = 200;

    private CrashWriter() {
    }

    /** @param args the database file, and the number of the first batch */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        SqliteMediaCatalog catalog = TestDatabases.open(db);
        for (int n = Integer.parseInt(args[1]); ; n++) {
            int batchNumber = n;
            if (batchNumber % 2 == 0) {
                catalog.write(batch -> {
                    for (int i = 0; i < FILES_PER_BATCH; i++) {
                        MediaFile file = batch.add(TestDatabases.newFile(Path.of("/media"),
                                "batch-" + batchNumber + "/file-" + i + ".mkv", i));
                        batch.hashes(file.luid(), Map.of("md5", Integer.toHexString(i), "sha1", "ff"));
                    }
                    return null;
                });
            } else {
                // Every other batch the way a scan writes: bulk, at synchronous = NORMAL (a kill loses nothing
                // committed either way; only a power cut could).
                catalog.writeRecoverable(batch -> {
                    List<NewMediaFile> files = new ArrayList<>();
                    for (int i = 0; i < FILES_PER_BATCH; i++) {
                        files.add(TestDatabases.newFile(Path.of("/media"), "batch-" + batchNumber + "/file-" + i
                                + ".mkv", i));
                    }
                    Map<Long, Map<String, String>> digests = new LinkedHashMap<>();
                    List<MediaFile> rows = batch.addAll(files);
                    for (int i = 0; i < rows.size(); i++) {
                        digests.put(rows.get(i).luid(), Map.of("md5", Integer.toHexString(i), "sha1", "ff"));
                    }
                    return batch.hashedAll(digests, MediaStatus.READY);
                });
            }
            System.out.println("committed " + batchNumber);
            System.out.flush();
        }
    }
}
