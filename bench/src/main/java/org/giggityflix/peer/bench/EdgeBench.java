package org.giggityflix.peer.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.catalog.internal.SqliteMediaCatalog;
import org.giggityflix.peer.edge.internal.BenchEdgeSessions;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.scanner.internal.SinglePassFileHasher;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * {@code EdgeBench} is responsible for the Edge issue's figures with the real SQLite catalog, hasher and Edge link:
 * offering 100,000 cataloged files to the test Edge (time, and the peer's extra heap: the Edge runs in a JVM of its
 * own so none of its memory is counted), and p50/p99 of 1,000 hash requests answered from stored hashes over
 * loopback TCP.
 */
final class EdgeBench {

    static final int FILES = 100_000;
    static final int HASHES = 1_000;
    static final int WARM_UP = 100;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Path benchDir;
    private final Figures figures;
    private final int offerPort;
    private final int hashPort;

    EdgeBench(Path benchDir, Figures figures, int offerPort, int hashPort) {
        this.benchDir = benchDir;
        this.figures = figures;
        this.offerPort = offerPort;
        this.hashPort = hashPort;
    }

    void offer() throws Exception {
        System.out.println("== edge offer: 100,000 cataloged files to the test Edge (Edge in its own JVM)");
        Path dataDir = benchDir.resolve("edge-offer-data");
        Parts.deleteTree(dataDir);
        Path edgeLog = benchDir.resolve("edge-offer.log");
        Process edge = startEdgeProcess(offerPort, edgeLog);
        SqliteMediaCatalog catalog = Parts.catalog(dataDir);
        SinglePassFileHasher hasher = Parts.hasher(catalog);
        try {
            fill(catalog, benchDir.resolve("tree"));
            // The Edge answers 100,000 offers of its own first (a real Edge is a warm server), then says it listens.
            await(() -> logSays(edgeLog, "test Edge listening on"), Duration.ofMinutes(3), "the test Edge warmed up");
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong sampledPeak = new AtomicLong(baseline);
            AtomicLong livePeak = new AtomicLong(baseline);
            Runnable stopListening = listenToCollections(livePeak);
            Thread sampler = new Thread(() -> sample(memory, sampledPeak), "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();

            Map<Long, Long> allocatedBefore = allocatedByThread();
            long peerCpuBefore = peerCpuNanos();
            Map<Long, Long> threadCpuBefore = cpuByThread();
            long edgeCpuBefore = cpuNanos(edge.pid());
            long start = System.nanoTime();
            try (BenchEdgeSessions.Handle session = BenchEdgeSessions.start("127.0.0.1:" + offerPort, catalog,
                    hasher, "bench-offer", dataDir)) {
                // When each page's ids were stored (compare with the receipt times in the Edge's log).
                List<String> pages = new ArrayList<>();
                AtomicLong lastCount = new AtomicLong();
                AtomicLong firstOffer = new AtomicLong();
                await(() -> {
                    if (firstOffer.get() == 0 && session.link().status().counters().filesOffered() > 0) {
                        firstOffer.set(System.nanoTime());
                    }
                    long count = session.link().status().counters().filesCataloged();
                    if (count / 10_000 != lastCount.getAndSet(count) / 10_000) {
                        pages.add(String.format("%s %,d", LocalTime.now().format(CLOCK), count));
                    }
                    return count >= FILES;
                }, Duration.ofMinutes(5), FILES + " catalog ids stored");
                double seconds = (System.nanoTime() - start) / 1e9;
                long allocated = allocatedSince(allocatedBefore);
                long peerCpu = peerCpuNanos() - peerCpuBefore;
                long javaThreadsCpu = cpuSince(threadCpuBefore);
                System.out.printf("  CPU during the offer: peer JVM %.2f s (its Java threads %.2f s, the rest is JIT"
                        + " compilers, GC and the VM), test Edge JVM %.2f s; wall %.2f s on 2 cores%n", peerCpu / 1e9,
                        javaThreadsCpu / 1e9, (cpuNanos(edge.pid()) - edgeCpuBefore) / 1e9, seconds);
                sampler.interrupt();
                sampler.join();
                stopListening.run();
                // What a rescan or announcement would see: every row has its catalog id, in the database.
                long left = catalog.countUncataloged();
                if (left != 0) {
                    throw new IllegalStateException(left + " files still without catalog id");
                }
                System.out.printf("  %,d files offered and cataloged in %.2f s (first offer sent after %.2f s: dial,"
                        + " stream, first page); %d messages out%n", FILES, seconds,
                        (firstOffer.get() - start) / 1e9, session.link().status().counters().messagesOut());
                System.out.println("  ids stored (time, total): " + String.join("; ", pages)
                        + " (offers as the Edge received them: " + benchDir.resolve("edge-offer.log") + ")");
                figures.absolute("offer 100k files, until all ids stored", seconds, "s", 2.0);
                figures.absolute("offer: peak extra heap in use (sampled)", mib(sampledPeak.get() - baseline),
                        "MiB", 64);
                System.out.printf("  allocated during the offer by this JVM's threads: %.1f MiB (%.0f bytes per file);"
                        + " the sampled peak is the heap G1 let fill before collecting%n", mib(allocated),
                        (double) allocated / FILES);
                figures.info("offer: heap allocated (garbage included)", String.format("%.1f MiB", mib(allocated)));
                figures.absolute("offer: peak extra live heap (after GC)", mib(livePeak.get() - baseline), "MiB",
                        64);
            }
        } finally {
            edge.destroy();
            hasher.deactivate();
            catalog.close();
            Parts.deleteTree(dataDir);
        }
    }

    void hashLatency() throws Exception {
        System.out.println("== edge hash requests: " + HASHES + " sequential requests, md5+sha1 from stored hashes");
        Path dataDir = benchDir.resolve("edge-hash-data");
        Parts.deleteTree(dataDir);
        Path media = dataDir.resolve("media");
        Files.createDirectories(media);
        Files.writeString(media.resolve("a.mp4"), "a");
        SqliteMediaCatalog catalog = Parts.catalog(dataDir);
        SinglePassFileHasher hasher = Parts.hasher(catalog);
        try (TestEdge edge = TestEdge.start(hashPort)) {
            MediaFile file = catalog.write(batch -> {
                MediaFile row = batch.add(new NewMediaFile(media.resolve("a.mp4"), media, "a.mp4", 1,
                        Instant.parse("2024-01-01T00:00:00Z"), Optional.empty()));
                return batch.hashes(row.luid(), Map.of("md5", "0cc175b9c0f1b6a831c399e269772661",
                        "sha1", "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"));
            });
            try (BenchEdgeSessions.Handle session = BenchEdgeSessions.start(edge.address(), catalog, hasher,
                    "bench-hash", dataDir)) {
                PeerConnection peer = edge.awaitPeer("bench-hash", Duration.ofSeconds(30));
                await(() -> catalog.countUncataloged() == 0, Duration.ofSeconds(30), "catalog id");
                String catalogId = catalog.find(file.luid()).flatMap(MediaFile::catalogId).orElseThrow();
                for (int i = 0; i < WARM_UP; i++) {
                    request(peer, catalogId);
                }
                long[] nanos = new long[HASHES];
                for (int i = 0; i < HASHES; i++) {
                    long t = System.nanoTime();
                    request(peer, catalogId);
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                double p50 = nanos[HASHES / 2] / 1e6;
                double p99 = nanos[HASHES * 99 / 100] / 1e6;
                System.out.printf("  after %d warm-up requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", WARM_UP,
                        p50, p99, nanos[HASHES - 1] / 1e6);
                figures.info("hash request p50 (stored md5+sha1, loopback)", String.format("%.2f ms", p50));
                figures.absolute("hash request p99 (stored md5+sha1, loopback)", p99, "ms", 10);
            }
        } finally {
            hasher.deactivate();
            catalog.close();
            Parts.deleteTree(dataDir);
        }
    }

    private static void request(PeerConnection peer, String catalogId) throws Exception {
        PeerMessage answer = peer.awaitResponse(peer.hash(catalogId, "md5", "sha1"), Duration.ofSeconds(10));
        if (!answer.hasFileHashResponse() || !answer.getFileHashResponse().getSuccess()) {
            throw new IllegalStateException("hash request not answered from the catalog: " + answer);
        }
    }

    /** 100,000 rows without catalog ids, named like the generated tree (the files themselves are not needed). */
    private static void fill(SqliteMediaCatalog catalog, Path root) {
        Instant modified = Instant.parse("2024-01-01T00:00:00Z");
        for (int from = 0; from < FILES; from += 5_000) {
            int start = from;
            catalog.write(batch -> {
                MediaFile last = null;
                for (int i = start; i < start + 5_000; i++) {
                    String relative = String.format("show-%02d/season-%03d/episode-%03d.mp4", i / 10_000,
                            i / 100 % 100, i % 100);
                    last = batch.add(new NewMediaFile(root.resolve(relative), root, relative, 2048 + i % 4096,
                            modified.plusSeconds(i), Optional.of("dev:1,ino:" + (1_000_000 + i))));
                }
                return last;
            });
        }
    }

    private static Process startEdgeProcess(int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xms64m", "-Xmx768m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-cp", System.getProperty("java.class.path"),
                "org.giggityflix.peer.testedge.TestEdgeMain", "--bench", Integer.toString(port))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static boolean logSays(Path log, String line) {
        try {
            return Files.exists(log) && Files.readString(log).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private static void sample(MemoryMXBean memory, AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Records the heap in use right after each collection (the live set then); returns how to stop. */
    private static Runnable listenToCollections(AtomicLong livePeak) {
        List<Runnable> removers = new ArrayList<>();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            javax.management.NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> Optional.ofNullable(info.getGcInfo().getMemoryUsageAfterGc()
                                .get(pool.getName())).map(usage -> usage.getUsed()).orElse(0L))
                        .sum();
                livePeak.accumulateAndGet(after, Math::max);
            };
            emitter.addNotificationListener(listener, null, null);
            removers.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // already gone
                }
            });
        }
        return () -> removers.forEach(Runnable::run);
    }

    private static long peerCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<Long, Long> cpuByThread() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    private static long cpuSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : cpuByThread().entrySet()) {
            if (now.getValue() > 0) {
                total += now.getValue() - Math.max(0, before.getOrDefault(now.getKey(), 0L));
            }
        }
        return total;
    }

    /** User + system CPU of a process from /proc (clock ticks of 10 ms); 0 when unreadable. */
    private static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Bytes each live thread has allocated so far (HotSpot counts them per thread). */
    private static Map<Long, Long> allocatedByThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> allocated = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            allocated.put(ids[i], bytes[i]);
        }
        return allocated;
    }

    /** What the threads alive now allocated since {@code before} (threads that ended meanwhile are not counted). */
    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
            if (now.getValue() > 0) {
                long bytes = now.getValue() - before.getOrDefault(now.getKey(), 0L);
                total += bytes;
                var info = ManagementFactory.getThreadMXBean().getThreadInfo(now.getKey());
                if (info != null) {
                    byName.merge(info.getThreadName().replaceAll("-\\d+$", ""), bytes, Long::sum);
                }
            }
        }
        StringBuilder top = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> top.append(String.format(" %s %.1f MiB;", e.getKey(), mib(e.getValue()))));
        System.out.println("  allocated by thread:" + top);
        return total;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
