package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import javax.management.JMException;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code WorkQueueTest} is responsible for proving that the hashing work a scan queues comes back exactly as queued,
 * in order, whatever its kind, and that the common item (hash a cataloged file with every algorithm) costs a bounded
 * number of bytes while it waits: a first scan of 1,000,000 files queues one per file before hashing starts, and a
 * {@code WorkItem} with its {@code FoundFile} and {@code Path} per file was a third of the heap that ran out.
 */
class WorkQueueTest {

    private static final Set<String> ALGORITHMS = Set.of("md5", "sha1");
    private static final Path ROOT = Path.of("/srv/media");
    private static final Path OTHER_ROOT = Path.of("/mnt/usb");

    /**
     * Bytes a packed item takes, measured 2026-12-07 (OpenJDK 17, compressed oops, paths of about 95 characters with
     * names of about 50, 20 files a folder): 120 — luid, size and mtime (8 bytes each), the root's number and the
     * order (4 each), a flags byte, the name's bytes with its end and folder numbers (4 each), and the arrays' room
     * to grow. A {@code WorkItem} with its {@code FoundFile}, {@code Path}, relative path and file-key texts took
     * several hundred.
     */
    private static final long BOUND_BYTES_PER_ITEM = 140;

    @Test
    void itemsComeBackEqualAndInOrderWhateverTheirKind() {
        Random random = new Random(14);
        List<WorkItem> queued = new ArrayList<>();
        WorkQueue queue = new WorkQueue(ALGORITHMS);
        for (int i = 0; i < 5_000; i++) {
            WorkItem item = switch (random.nextInt(6)) {
                case 0 -> new WorkItem(WorkItem.Kind.MATCH_OR_ADD, file(random, i), -1,
                        List.of(new KnownFile(77, ROOT.resolve("gone.mkv"), 10, Instant.EPOCH, Optional.empty(),
                                MediaStatus.READY, false)), ALGORITHMS, false);
                case 1 -> new WorkItem(WorkItem.Kind.PROBE_ONLY, file(random, i), i, List.of(), Set.of(), true);
                case 2 -> new WorkItem(WorkItem.Kind.HASH, file(random, i), i, List.of(), Set.of("sha1"), false);
                default -> new WorkItem(WorkItem.Kind.HASH, file(random, i), i, List.of(), ALGORITHMS,
                        random.nextBoolean());
            };
            queued.add(item);
            queue.add(item);
        }
        assertEquals(queued.size(), queue.size());
        Iterator<WorkItem> back = queue.iterator();
        for (WorkItem expected : queued) {
            assertTrue(back.hasNext());
            WorkItem item = back.next();
            String what = "item for " + expected.file().path();
            assertEquals(expected.kind(), item.kind(), what);
            assertEquals(expected.luid(), item.luid(), what);
            assertEquals(expected.candidates(), item.candidates(), what);
            assertEquals(expected.algorithms(), item.algorithms(), what);
            assertEquals(expected.probeWanted(), item.probeWanted(), what);
            assertEquals(expected.file().path(), item.file().path(), what);
            assertEquals(expected.file().root(), item.file().root(), what);
            assertEquals(expected.file().size(), item.file().size(), what);
            assertEquals(expected.file().modified(), item.file().modified(), what);
            assertEquals(expected.file().extension(), item.file().extension(), what);
            assertEquals(expected.file().relativePath(), item.file().relativePath(), what);
        }
        assertFalse(back.hasNext());
    }

    @Test
    void anItemThatCannotBePackedIsKeptAsItIs() {
        WorkQueue queue = new WorkQueue(ALGORITHMS);
        WorkItem probeOnly = new WorkItem(WorkItem.Kind.PROBE_ONLY, file(new Random(1), 1), 1, List.of(), Set.of(),
                true);
        queue.add(probeOnly);
        assertSame(probeOnly, queue.iterator().next());
    }

    @Test
    void aQueuedFileToHashCostsABoundedNumberOfBytes() throws JMException {
        // The bound counts 4-byte references: peer-scanner's surefire argLine fixes -Xmx1g, which keeps them so.
        LiveHeap.assumeCompressedOops();
        int items = 100_000;
        Random random = new Random(14);
        long without = LiveHeap.bytes();
        WorkQueue queue = new WorkQueue(ALGORITHMS);
        for (int i = 0; i < items; i++) {
            queue.add(new WorkItem(WorkItem.Kind.HASH, file(random, i), i, List.of(), ALGORITHMS, false));
        }
        long with = LiveHeap.bytes();
        long perItem = (with - without) / items;
        System.out.printf("WorkQueueTest: %,d queued files to hash take %,d bytes: %d bytes each%n", items,
                with - without, perItem);
        assertEquals(items, queue.size());
        assertTrue(perItem > 0, "the measurement sees the queue (" + perItem + " bytes)");
        assertTrue(perItem <= BOUND_BYTES_PER_ITEM, "a queued file to hash takes " + perItem + " bytes, more than the"
                + " bound of " + BOUND_BYTES_PER_ITEM);
    }

    /** A file as a walk finds it: a TV episode, 20 a folder, under one of two roots. */
    private static FoundFile file(Random random, int i) {
        Path root = i % 1000 == 999 ? OTHER_ROOT : ROOT;
        int show = i / 200;
        Path path = root.resolve(String.format("TV/Show Number %d (%d)/Season %02d/Show.Number.%d.S%02dE%02d.1080p.WEB-DL"
                + ".x264-NTb.mkv", show, 1990 + show % 35, i / 20 % 10 + 1, show, i / 20 % 10 + 1, i % 20 + 1));
        return new FoundFile(path, root, 16 + random.nextInt(4096), 1_704_067_200_000L + i * 1000L + random.nextInt(999),
                null);
    }
}
