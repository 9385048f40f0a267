package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code LibraryRows} is responsible for filling a catalog with a large, deliberately awkward library quickly (batch
 * inserts through the catalog's own writes): folder and file names in mixed case, accents, characters beyond the
 * Basic Multilingual Plane and names repeated across folders; sizes, times and durations with many ties; every
 * status, some files with metadata but no duration; and one file far larger than any other, late in path order.
 */
final class LibraryRows {

    /** Rows per write, as a scan writes them. */
    private static final int PER_WRITE = 5_000;
    private static final String[] FOLDERS = {"Films", "films/Été 2019", "ÉTÉ", "séries/Ça", "zoo", "Zoo/deep/er",
            "𝄞 music", "ｆｕｌｌ", "a_b%c", ""};
    private static final String[] NAMES = {"Holiday", "holiday", "été", "Été", "zebra", "_x", "😀 clip", "Ω",
            "ǅungla", "Ab"};
    private static final String[] EXTENSIONS = {".mkv", ".mp4", ".MOV", ".avi"};

    /** The size of the one file larger than every other. */
    static final long LARGEST = 20L * 1024 * 1024 * 1024;

    private LibraryRows() {
    }

    /** The relative path of the largest file: in the last folder of path order ("𝄞 music" sorts after "zoo"). */
    static String largestPath(int rows) {
        return "𝄞 music/zz the largest " + rows + ".mkv";
    }

    /** Adds {@code rows} files under {@code root}, then gives them statuses and metadata; deterministic. */
    static void fill(MediaCatalog catalog, Path root, int rows) {
        Random random = new Random(42);
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        List<Long> luids = new ArrayList<>(rows);
        for (int start = 0; start < rows; start += PER_WRITE) {
            List<NewMediaFile> files = new ArrayList<>(PER_WRITE);
            for (int i = start; i < Math.min(rows, start + PER_WRITE); i++) {
                String relative;
                long size;
                if (i == rows - 7) {
                    relative = largestPath(rows);
                    size = LARGEST;
                } else {
                    String folder = FOLDERS[random.nextInt(FOLDERS.length)];
                    // (i % 97, i / 97) makes the path unique; 97 files share each name, up to case.
                    String name = NAMES[random.nextInt(NAMES.length)] + " " + (i / 97)
                            + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
                    relative = (folder.isEmpty() ? "" : folder + "/") + "d" + (i % 97) + "/" + name;
                    size = random.nextInt(5_000) * 1_000L;
                }
                Instant modified = base.plusSeconds(random.nextInt(1_000_000)).plusNanos(random.nextInt(3) * 7);
                files.add(new NewMediaFile(root.resolve(relative), root, relative, size, modified, Optional.empty()));
            }
            catalog.writeRecoverable(batch -> {
                batch.addAll(files).forEach(f -> luids.add(f.luid()));
                return null;
            });
        }
        List<Long> ready = new ArrayList<>();
        List<Long> processing = new ArrayList<>();
        List<Long> error = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        List<Long> probed = new ArrayList<>();
        for (long luid : luids) {
            int pick = random.nextInt(100);
            if (pick < 60) {
                ready.add(luid);
                if (random.nextInt(10) < 8) {
                    probed.add(luid);
                }
            } else if (pick < 70) {
                processing.add(luid);
            } else if (pick < 73) {
                error.add(luid);
            } else if (pick < 76) {
                deleted.add(luid);
            }
        }
        catalog.writeRecoverable(batch -> {
            batch.statusAll(ready, MediaStatus.READY);
            batch.statusAll(processing, MediaStatus.PROCESSING);
            error.forEach(luid -> batch.status(luid, MediaStatus.ERROR, Optional.of("not a video")));
            deleted.forEach(batch::deleted);
            for (long luid : probed) {
                // A tenth of the probed files have no duration (a still image, a raw stream), many share one.
                Double duration = random.nextInt(10) == 0 ? null : random.nextInt(7_200) + random.nextInt(2) / 2.0;
                batch.metadata(luid, new MediaMetadata(duration, 1920, 1080, "h264", "aac", 4_000_000L, 25.0,
                        "matroska"));
            }
            return null;
        });
    }
}
