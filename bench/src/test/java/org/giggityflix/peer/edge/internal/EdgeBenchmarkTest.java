package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EdgeBenchmarkTest} is responsible for the two figures, printed, not asserted (they depend on the
 * machine): offering 100,000 cataloged files to the test Edge (time, peak extra heap), and p50/p99 latency of
 * 1,000 hash requests answered from stored hashes, over TCP on loopback. Off by default (it lives in bench/); run
 * with {@code . bench/bench-tests.sh && bench_install && bench_tests -Dtest=EdgeBenchmarkTest -Dbenchmark=true}.
 *
 * <p>Both sides run in one JVM, so the heap figure includes the test Edge's own recording of every message.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class EdgeBenchmarkTest {

    private static final int FILES = 100_000;
    private static final int HASHES = 1_000;

    @TempDir
    Path dir;
    private InMemoryCatalog catalog;
    private TestEdge edge;
    private EdgeSession session;

    @BeforeEach
    void setUp() throws Exception {
        catalog = new InMemoryCatalog();
        edge = TestEdge.start(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        edge.close();
    }

    @Test
    void offerOneHundredThousandFiles() throws Exception {
        catalog.addAll(dir, IntStream.range(0, FILES)
                .mapToObj(i -> "shows/season-" + (i % 40) + "/episode-" + i + ".mkv").toList());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> sample(memory, peak), "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long start = System.nanoTime();
        session = new EdgeSession(EdgeSettings.defaults(edge.address()), catalog, catalog, new SimpleHasher(catalog),
                "bench", dir, Optional::empty, s -> { });
        session.start();
        Await.until(FILES + " catalog ids stored", () -> session.status().counters().filesCataloged() == FILES);
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();

        assertEquals(FILES, edge.offeredFiles().size());
        long batches = edge.received().stream().filter(m -> m.hasBatchFileOffer()).count();
        System.out.printf("BENCHMARK offer %,d files: %,d ms in %d batches (goal < 2,000 ms: %.2fx of goal);"
                        + " peak extra heap %.1f MiB (goal < 64 MiB, includes the in-JVM test Edge)%n",
                FILES, millis, batches, millis / 2000.0, (peak.get() - baseline) / 1048576.0);
    }

    @Test
    void hashLatencyFromStoredHashes() throws Exception {
        Files.writeString(dir.resolve("a.mkv"), "a");
        MediaFile file = catalog.add(dir, "a.mkv", 1);
        catalog.write(b -> b.hashes(file.luid(), Map.of("md5", "0cc175b9c0f1b6a831c399e269772661", "sha1",
                "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8")));
        session = new EdgeSession(EdgeSettings.defaults(edge.address()), catalog, catalog, new SimpleHasher(catalog),
                "bench", dir, Optional::empty, s -> { });
        session.start();
        PeerConnection peer = edge.awaitPeer("bench", Await.LIMIT);
        Await.until("catalog id", () -> catalog.listWithoutCatalogId().isEmpty());
        String catalogId = catalog.find(file.luid()).flatMap(MediaFile::catalogId).orElseThrow();

        long[] nanos = new long[HASHES];
        for (int i = 0; i < HASHES; i++) {
            long t = System.nanoTime();
            peer.awaitResponse(peer.hash(catalogId, "md5", "sha1"), Duration.ofSeconds(10));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK %,d hash requests from stored hashes: p50 %.2f ms, p99 %.2f ms"
                        + " (goal p99 < 10 ms: %.2fx of goal)%n", HASHES, nanos[HASHES / 2] / 1e6,
                nanos[HASHES * 99 / 100] / 1e6, nanos[HASHES * 99 / 100] / 1e7);
    }

    private static void sample(MemoryMXBean memory, AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
