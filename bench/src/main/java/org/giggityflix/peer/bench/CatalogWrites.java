package org.giggityflix.peer.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.catalog.internal.SqliteMediaCatalog;

/**
 * {@code CatalogWrites} is responsible for timing the catalog's share of a first scan alone, without walking or
 * reading files: per window of 500 files, the writes the scanner makes (add; PROCESSING; digests and READY), in
 * transactions of 500 rows, on a real SQLite catalog. Run with {@code java ... CatalogWrites DIR} (bench/README.md).
 */
public final class CatalogWrites {

    private static final int FILES = 20_000;
    private static final int WINDOW = Integer.getInteger("window", 500);
    /**
     * {@code -Dbulk=false}: one {@code add}, {@code status} and {@code hashes} per file, as before
     * {@code CatalogBatch.addAll}, {@code statusAll} and {@code hashedAll}.
     */
    private static final boolean BULK = Boolean.parseBoolean(System.getProperty("bulk", "true"));

    private CatalogWrites() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "/tmp/giggityflix-bench/catalog-writes");
        Parts.deleteTree(dataDir);
        SqliteMediaCatalog catalog = Parts.catalog(dataDir);
        Path root = Path.of("/media/bench");
        Map<String, String> digests = Map.of("md5", "0123456789abcdef0123456789abcdef",
                "sha1", "0123456789abcdef0123456789abcdef01234567");
        long add = 0;
        long processing = 0;
        long finish = 0;
        try {
            for (int w = 0; w < FILES / WINDOW; w++) {
                int first = w * WINDOW;
                long t0 = System.nanoTime();
                List<NewMediaFile> files = new ArrayList<>(WINDOW);
                for (int i = first; i < first + WINDOW; i++) {
                    String relative = "show-" + i / 10_000 + "/season-" + i / 100 + "/episode-" + i + ".mp4";
                    files.add(new NewMediaFile(root.resolve(relative), root, relative, 4096 + i,
                            Instant.ofEpochSecond(1_700_000_000L + i), Optional.of("(dev=1,ino=" + i + ")")));
                }
                List<Long> luids = catalog.writeRecoverable(batch -> (BULK ? batch.addAll(files)
                        : files.stream().map(batch::add).toList()).stream().map(MediaFile::luid).toList());
                long t1 = System.nanoTime();
                catalog.writeRecoverable(batch -> {
                    if (BULK) {
                        batch.statusAll(luids, MediaStatus.PROCESSING);
                    } else {
                        luids.forEach(luid -> batch.status(luid, MediaStatus.PROCESSING, Optional.empty()));
                    }
                    return null;
                });
                long t2 = System.nanoTime();
                catalog.writeRecoverable(batch -> {
                    if (BULK) {
                        Map<Long, Map<String, String>> all = new java.util.LinkedHashMap<>();
                        luids.forEach(luid -> all.put(luid, digests));
                        batch.hashedAll(all, MediaStatus.READY);
                    } else {
                        luids.forEach(luid -> {
                            batch.hashes(luid, digests);
                            batch.status(luid, MediaStatus.READY, Optional.empty());
                        });
                    }
                    return null;
                });
                long t3 = System.nanoTime();
                add += t1 - t0;
                processing += t2 - t1;
                finish += t3 - t2;
            }
        } finally {
            catalog.close();
            Parts.deleteTree(dataDir);
        }
        System.out.printf("catalog writes per file (%,d files, windows of %d, " + (BULK ? "addAll/statusAll/hashedAll" : "one row at a time")
                + "): add %.1f us, PROCESSING %.1f us,"
                + " digests+READY %.1f us, total %.1f us%n", FILES, WINDOW, add / 1e3 / FILES,
                processing / 1e3 / FILES, finish / 1e3 / FILES, (add + processing + finish) / 1e3 / FILES);
        System.exit(0);
    }
}
