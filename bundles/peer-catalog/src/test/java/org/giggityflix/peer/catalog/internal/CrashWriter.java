package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.util.Map;

import org.giggityflix.peer.api.catalog.MediaFile;

/**
 * {@code CrashWriter} is responsible for being killed: run in a child JVM by {@link CrashRecoveryTest}, it writes
 * batches forever and prints {@code committed <n>} after each commit returns.
 *
 * <p>Batch {@code n} adds {@link #FILES_PER_BATCH} files under {@code /media/batch-<n>/} and hashes each one, so
 * that the parent can tell a whole batch from a part of one.
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
            catalog.write(batch -> {
                for (int i = 0; i < FILES_PER_BATCH; i++) {
                    MediaFile file = batch.add(TestDatabases.newFile(Path.of("/media"),
                            "batch-" + batchNumber + "/file-" + i + ".mkv", i));
                    batch.hashes(file.luid(), Map.of("md5", Integer.toHexString(i), "sha1", "ff"));
                }
                return null;
            });
            System.out.println("committed " + batchNumber);
            System.out.flush();
        }
    }
}
