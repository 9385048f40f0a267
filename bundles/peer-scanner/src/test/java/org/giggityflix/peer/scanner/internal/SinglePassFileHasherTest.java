package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.giggityflix.peer.api.hash.NoSuchMediaException;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SinglePassFileHasherTest} is responsible for proving the hasher's digests against an independent
 * computation, its single read per file, its handling of unknown names, and {@code hashEntry}'s contract.
 */
class SinglePassFileHasherTest {

    @TempDir
    Path dir;

    private final InMemoryMediaCatalog catalog = new InMemoryMediaCatalog();
    private final AtomicInteger opens = new AtomicInteger();
    private final TestProviders.Counting md5 = TestProviders.md5();
    private final TestProviders.Counting sha1 = TestProviders.sha1();
    private final TestProviders.Counting sha256 = TestProviders.sha256();
    private SinglePassFileHasher hasher;

    @BeforeEach
    void setUp() {
        hasher = new SinglePassFileHasher(catalog, Map.of(), file -> {
            opens.incrementAndGet();
            return FileChannel.open(file, StandardOpenOption.READ);
        });
        hasher.addProvider(md5, TestProviders.props("md5"));
        hasher.addProvider(sha1, TestProviders.props("sha1"));
        hasher.addProvider(sha256, TestProviders.props("sha256"));
    }

    @AfterEach
    void tearDown() {
        hasher.deactivate();
    }

    @Test
    void digestsMatchAnIndependentComputationForSmallExactAndMultiChunkFiles() throws IOException {
        for (int size : new int[] {0, 1, 4096, SinglePassFileHasher.CHUNK_BYTES,
                                   SinglePassFileHasher.CHUNK_BYTES * 3 + 12345}) {
            Path file = randomFile("f" + size + ".mkv", size);
            byte[] all = Files.readAllBytes(file);
            FileHashes hashes = hasher.hash(file, List.of("md5", "sha1", "sha256"));
            assertEquals(TestProviders.digestOf("MD5", all), hashes.digests().get("md5"), "md5 of " + size);
            assertEquals(TestProviders.digestOf("SHA-1", all), hashes.digests().get("sha1"), "sha1 of " + size);
            assertEquals(TestProviders.digestOf("SHA-256", all), hashes.digests().get("sha256"), "sha256 of " + size);
            assertEquals(size, hashes.bytesRead());
        }
    }

    @Test
    void readsTheFileOnceForSeveralAlgorithms() throws IOException {
        int size = SinglePassFileHasher.CHUNK_BYTES * 5 + 7;
        Path file = randomFile("big.mp4", size);

        FileHashes hashes = hasher.hash(file, List.of("md5", "sha1", "sha256"));

        assertEquals(1, opens.get(), "one open for three algorithms");
        assertEquals(size, hashes.bytesRead(), "each byte read once");
        assertEquals(size, md5.bytesFed.get());
        assertEquals(size, sha1.bytesFed.get());
        assertEquals(size, sha256.bytesFed.get());
    }

    @Test
    void unknownNamesAreReportedAndKnownOnesStillComputed() throws IOException {
        Path file = randomFile("a.mp4", 1000);

        FileHashes hashes = hasher.hash(file, List.of("MD5", " sha-1 ", "whirlpool", "../../etc"));

        assertEquals(Set.of("md5", "sha1"), hashes.digests().keySet());
        assertEquals(Set.of("whirlpool", "../../etc"), hashes.unknown());
    }

    @Test
    void onlyUnknownNamesThrowAndAnEmptyRequestReadsNothing() throws IOException {
        Path file = randomFile("a.mp4", 10);

        assertThrows(UnknownAlgorithmException.class, () -> hasher.hash(file, List.of("crc32", "../../etc")));
        FileHashes none = hasher.hash(file, List.of(" ", ""));

        assertTrue(none.digests().isEmpty());
        assertEquals(0, opens.get());
    }

    @Test
    void removedProviderMakesItsAlgorithmUnavailable() throws IOException {
        hasher.removeProvider(sha256, TestProviders.props("sha256"));

        assertEquals(Set.of("md5", "sha1"), hasher.availableAlgorithms());
        FileHashes hashes = hasher.hash(randomFile("a.mp4", 10), List.of("sha256", "md5"));
        assertEquals(Set.of("sha256"), hashes.unknown());
    }

    @Test
    void hashEntryReturnsStoredDigestsAndComputesAndStoresOnlyTheMissingOnes() throws IOException {
        Path file = randomFile("movie.mp4", 50_000);
        MediaFile row = catalogue(file);
        catalog.write(batch -> batch.hashes(row.luid(), Map.of("md5", "0000000000000000000000000000feed")));

        FileHashes hashes = hasher.hashEntry(row.luid(), List.of("md5", "sha1", "nope"));

        assertEquals("0000000000000000000000000000feed", hashes.digests().get("md5"), "stored digests are returned as they are");
        assertEquals(TestProviders.digestOf("SHA-1", Files.readAllBytes(file)), hashes.digests().get("sha1"));
        assertEquals(Set.of("nope"), hashes.unknown());
        assertEquals(0, md5.digestsStarted.get(), "md5 was not recomputed");
        assertEquals(hashes.digests().get("sha1"), catalog.hashes(row.luid()).get("sha1"), "sha1 was stored");

        FileHashes again = hasher.hashEntry(row.luid(), List.of("md5", "sha1"));
        assertEquals(0, again.bytesRead(), "everything now comes from the catalog");
        assertEquals(1, opens.get());
    }

    @Test
    void hashEntryRejectsUnknownLuidsAndVanishedFiles() throws IOException {
        Path file = randomFile("gone.mp4", 10);
        MediaFile row = catalogue(file);
        Files.delete(file);

        assertThrows(NoSuchMediaException.class, () -> hasher.hashEntry(9999, List.of("md5")));
        assertThrows(MediaGoneException.class, () -> hasher.hashEntry(row.luid(), List.of("md5")));
    }

    @Test
    void readersPerDriveLimitsConcurrentReadsOfOneDrive() throws Exception {
        OverlapWatchingMd5 observing = new OverlapWatchingMd5(() -> { }, Thread::yield);

        hashAtOnceWithOneReaderPerDrive(observing, List.of(randomFile("1.mp4", 3_000_000),
                randomFile("2.mp4", 3_000_000), randomFile("3.mp4", 3_000_000), randomFile("4.mp4", 3_000_000)));

        assertEquals(4, md5.digestsStarted.get(), "all four files were hashed");
        assertEquals(1, observing.maxActive.get(),
                "never two files read at once from one drive with readersPerDrive=1");
    }

    @Test
    void smallFilesOfOneDriveAreReadSideBySideWhileLargeOnesStayAlone() throws Exception {
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        // Each small file's digest waits (at most 10 s) until two are being read at once: only possible if the
        // drive lets two small reads in together.
        OverlapWatchingMd5 meeting = new OverlapWatchingMd5(both::countDown, () -> {
            try {
                both.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        hashAtOnceWithOneReaderPerDrive(meeting, List.of(randomFile("s1.mp4", 40_000), randomFile("s2.mp4", 40_000)));

        assertEquals(2, meeting.maxActive.get(),
                "two small files of one drive were read at once with readersPerDrive=1");
        assertEquals(1, DriveLimiter.shares(40_000));
        assertEquals(DriveLimiter.SHARES, DriveLimiter.shares(3_000_000), "a large file takes every share");
    }

    /** Hashes each file on its own thread, all at once, with one reader per drive and only {@code provider}. */
    private void hashAtOnceWithOneReaderPerDrive(HashProvider provider, List<Path> files) throws InterruptedException {
        SinglePassFileHasher limited = new SinglePassFileHasher(catalog, Map.of("readersPerDrive", 1),
                file -> FileChannel.open(file, StandardOpenOption.READ));
        limited.addProvider(provider, TestProviders.props("md5"));
        try {
            List<Thread> threads = files.stream().map(f -> new Thread(() -> hashQuietly(limited, f))).toList();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            limited.deactivate();
        }
    }

    /**
     * {@code OverlapWatchingMd5} is responsible for an md5 provider (the test's counting one inside) that records the
     * most files digested at once — from {@code newDigest} to {@code hex}, the span a drive's read permit is held —
     * and runs {@code onStart} as each digest begins and {@code beforeChunk} before each chunk.
     */
    private final class OverlapWatchingMd5 implements HashProvider {

        final AtomicInteger maxActive = new AtomicInteger();
        private final AtomicInteger active = new AtomicInteger();
        private final Runnable onStart;
        private final Runnable beforeChunk;

        OverlapWatchingMd5(Runnable onStart, Runnable beforeChunk) {
            this.onStart = onStart;
            this.beforeChunk = beforeChunk;
        }

        @Override
        public String algorithm() {
            return "md5";
        }

        @Override
        public HashDigest newDigest() {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            onStart.run();
            HashDigest inner = md5.newDigest();
            return new HashDigest() {
                @Override
                public void update(ByteBuffer chunk) {
                    beforeChunk.run();
                    inner.update(chunk);
                }

                @Override
                public String hex() {
                    active.decrementAndGet();
                    return inner.hex();
                }
            };
        }
    }

    private static void hashQuietly(SinglePassFileHasher hasher, Path file) {
        try {
            hasher.hash(file, List.of("md5"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private MediaFile catalogue(Path file) throws IOException {
        return catalog.write(batch -> batch.add(new NewMediaFile(file, dir, file.getFileName().toString(),
                sizeOf(file), Instant.now(), Optional.empty())));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

}
