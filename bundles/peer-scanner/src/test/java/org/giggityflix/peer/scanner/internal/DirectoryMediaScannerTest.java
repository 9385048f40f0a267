package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * {@code DirectoryMediaScannerTest} is responsible for proving what a scan catalogs from real files: include and
 * exclude rules, symlinks, missing roots, unreadable and vanishing files, incremental rescans, renames, digests.
 */
class DirectoryMediaScannerTest extends ScannerTestCase {

    @Test
    void includesConfiguredExtensionsCaseInsensitively() throws IOException {
        for (String name : List.of("a.MP4", "b.mkv", "c.Mov", "d.txt", "e.mp3", "sub/f.AVI", "noext")) {
            fx.write(name, name);
        }
        fx.start();

        fx.scan();

        assertEquals(List.of("a.MP4", "b.mkv", "c.Mov", "sub/f.AVI"), fx.livePaths());
        MediaFile nested = fx.row(fx.root.resolve("sub/f.AVI"));
        assertEquals("sub/f.AVI", nested.relativePath());
        assertEquals(fx.root, nested.mediaRoot());
        assertEquals(MediaStatus.READY, nested.status());
        assertEquals(Set.of("md5", "sha1"), fx.catalog.hashes(nested.luid()).keySet());
    }

    @Test
    void excludedFoldersByNameOrPathAreSkipped() throws IOException {
        fx.write("Samples/a.mp4", "a");
        fx.write("deep/SAMPLES/b.mp4", "b");
        fx.write("private/c.mp4", "c");
        fx.write("films/d.mp4", "d");
        fx.start("excludeDirs", "samples," + fx.root.resolve("private"));

        fx.scan();

        assertEquals(List.of("films/d.mp4"), fx.livePaths());
    }

    @Test
    void hiddenAndSystemFoldersAndFilesAreSkipped() throws IOException {
        for (String name : List.of(".hidden/a.mp4", ".b.mp4", "lost+found/c.mp4", "$RECYCLE.BIN/d.mp4",
                "System Volume Information/e.mp4", "@eaDir/f.mp4", "ok/g.mp4")) {
            fx.write(name, name);
        }
        fx.start();

        fx.scan();

        assertEquals(List.of("ok/g.mp4"), fx.livePaths());
    }

    @Test
    void symlinkLoopEndsAndAFileReachableTwiceIsCatalogedOnce() throws IOException {
        Path movie = fx.write("a/movie.mkv", "content");
        Files.createSymbolicLink(fx.root.resolve("a/loop"), fx.root);
        Files.createDirectories(fx.root.resolve("b"));
        Files.createSymbolicLink(fx.root.resolve("b/alias.mkv"), movie);
        Path second = Files.createDirectories(tmp.resolve("second"));
        Files.createSymbolicLink(second.resolve("into-first"), fx.root.resolve("a"));
        fx.start("mediaDirs", fx.root + "," + second);

        ScanReport report = fx.scan();

        assertEquals(1, fx.catalog.live().size(), "one row for one file: " + fx.catalog.live());
        assertEquals(1, report.totals().filesSeen());
        assertEquals(MediaStatus.READY, fx.catalog.live().get(0).status());
    }

    @Test
    void missingRootIsReportedOtherRootsAreScannedAndItsFilesAreNotMarkedDeleted() throws IOException {
        Path usb = Files.createDirectories(tmp.resolve("usb"));
        Path onUsb = ScannerFixture.write(usb, "film.mp4", "usb".getBytes());
        ScannerFixture.write(usb, "other.mp4", "stays on the drive".getBytes());
        fx.write("home.mp4", "home");
        fx.start("mediaDirs", fx.root + "," + usb);
        fx.scan();
        Path unplugged = Files.move(usb, tmp.resolve("usb-away"));
        Path added = fx.write("new.mp4", "new");

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.READY, fx.row(onUsb).status(), "an unplugged drive is not 'all files deleted'");
        assertEquals(MediaStatus.READY, fx.row(added).status(), "the other root was still scanned");
        RootStatus usbStatus = fx.scanner.status().roots().stream().filter(r -> r.root().equals(usb)).findFirst()
                .orElseThrow();
        assertEquals(RootStatus.State.MISSING, usbStatus.state());
        assertTrue(report.problems().stream().anyMatch(line -> line.contains(usb.toString())), report.problems()::toString);

        Files.move(unplugged, usb);
        Files.delete(onUsb);
        fx.scan();
        assertEquals(MediaStatus.DELETED, fx.row(onUsb).status(), "root present, file gone: deleted");
    }

    @Test
    void anEmptyRootThatHeldFilesIsTakenForAnUnmountedDrive() throws IOException {
        Path file = fx.write("only.mp4", "x");
        fx.start();
        fx.scan();
        Files.delete(file);

        fx.scan();

        assertEquals(MediaStatus.READY, fx.row(file).status());
        assertEquals(RootStatus.State.MISSING, fx.scanner.status().roots().get(0).state());
    }

    @Test
    void unreadableFileBecomesAnErrorAndTheScanGoesOn() throws IOException {
        Path locked = fx.write("locked.mp4", "secret");
        Path fine = fx.write("fine.mp4", "fine");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as root: chmod 000 does not stop root from reading; "
                + "unreadableFileReportedByTheHasherBecomesAnError covers this path");
        fx.start();

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.ERROR, fx.row(locked).status());
        assertEquals("permission denied", fx.row(locked).error().orElseThrow());
        assertEquals(MediaStatus.READY, fx.row(fine).status());
        assertEquals(1, report.totals().filesFailed());
    }

    @Test
    void unreadableFileReportedByTheHasherBecomesAnError() throws IOException {
        Path locked = fx.write("locked.mp4", "secret");
        Path fine = fx.write("fine.mp4", "fine");
        FileHasher denying = new DenyingHasher(fx.hasher, locked);
        fx.start(denying, fx.config());

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.ERROR, fx.row(locked).status());
        assertEquals("permission denied", fx.row(locked).error().orElseThrow());
        assertEquals(MediaStatus.READY, fx.row(fine).status());
        assertEquals(1, report.totals().filesFailed());
        assertTrue(report.problems().stream().anyMatch(line -> line.contains("locked.mp4")));
    }

    @Test
    void fileDeletedBetweenListingAndReadingIsMarkedGoneAndTheScanGoesOn() throws IOException {
        Path victim = fx.write("a-victim.mp4", "soon gone");
        Path survivor = fx.write("b-survivor.mp4", "stays");
        AtomicBoolean deleted = new AtomicBoolean();
        fx.catalog.onStatus((luid, status) -> {
            // The first PROCESSING mark comes after the walk and before any read.
            if (status == MediaStatus.PROCESSING && deleted.compareAndSet(false, true)) {
                try {
                    Files.delete(victim);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        fx.start();

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.DELETED, fx.row(victim).status());
        assertEquals(MediaStatus.READY, fx.row(survivor).status());
        assertTrue(report.problems().stream().anyMatch(line -> line.contains("a-victim.mp4")));
    }

    @Test
    void incrementalRescanDoesNotRereadUnchangedFiles() throws IOException {
        for (int i = 0; i < 5; i++) {
            fx.write("f" + i + ".mp4", "content " + i);
        }
        fx.start();
        fx.scan();
        int digestsAfterFirstScan = fx.md5.digestsStarted.get();

        ScanReport second = fx.scan();

        assertEquals(5, digestsAfterFirstScan);
        assertEquals(5, fx.md5.digestsStarted.get(), "no file was read again");
        assertEquals(5, second.totals().filesSeen());
        assertEquals(0, second.totals().bytesToHash());

        fx.fullScan();
        assertEquals(10, fx.md5.digestsStarted.get(), "a full scan rereads every file");
    }

    @Test
    void changedFileIsRehashedAndKeepsItsLuid() throws IOException {
        Path file = fx.write("film.mp4", "first version");
        fx.start();
        fx.scan();
        long luid = fx.row(file).luid();
        String before = fx.catalog.hashes(luid).get("md5");
        Files.writeString(file, "second, longer version");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));

        ScanReport report = fx.scan();

        assertEquals(1, report.totals().filesChanged());
        assertEquals(luid, fx.row(file).luid());
        String after = fx.catalog.hashes(luid).get("md5");
        assertNotEquals(before, after);
        assertEquals(TestProviders.digestOf("MD5", Files.readAllBytes(file)), after);
        assertEquals(MediaStatus.READY, fx.row(file).status());
    }

    @Test
    void renameKeepsLuidAndHashesWithoutRereading() throws IOException {
        Path file = fx.write("old name.mkv", "a film");
        fx.start();
        fx.scan();
        MediaFile before = fx.row(file);
        Map<String, String> hashes = fx.catalog.hashes(before.luid());
        int reads = fx.md5.digestsStarted.get();
        Path moved = Files.createDirectories(fx.root.resolve("sorted")).resolve("new name.mkv");
        Files.move(file, moved);

        ScanReport report = fx.scan();

        MediaFile after = fx.row(moved);
        assertEquals(before.luid(), after.luid());
        assertEquals("sorted/new name.mkv", after.relativePath());
        assertEquals(hashes, fx.catalog.hashes(after.luid()));
        assertEquals(MediaStatus.READY, after.status());
        assertEquals(1, report.totals().filesMoved());
        assertEquals(0, report.totals().filesGone());
        assertEquals(reads, fx.md5.digestsStarted.get(), "matched by inode, not reread");
        assertEquals(1, fx.catalog.all().size());
    }

    @Test
    void copyThenDeleteIsRecognisedByItsDigests() throws IOException {
        Path file = fx.write("a.mp4", "the same bytes");
        fx.start();
        fx.scan();
        long luid = fx.row(file).luid();
        Path copy = fx.root.resolve("b.mp4");
        Files.copy(file, copy);
        Files.delete(file);

        ScanReport report = fx.scan();

        assertEquals(luid, fx.row(copy).luid(), "new inode, same size and digests: the same file");
        assertEquals(1, report.totals().filesMoved());
        assertEquals(0, report.totals().filesGone());
        assertEquals(MediaStatus.READY, fx.row(copy).status());
    }

    @Test
    void tenThousandFilesInOneFolderAreAllCatalogedInBatches() throws IOException {
        Path folder = Files.createDirectories(fx.root.resolve("many"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(folder.resolve(String.format("clip-%05d.mp4", i)), Integer.toString(i));
        }
        fx.start("hashAlgorithms", "md5");

        ScanReport report = fx.scan();

        assertEquals(10_000, report.totals().filesSeen());
        assertEquals(10_000, report.totals().filesNew());
        assertEquals(10_000L, fx.catalog.countByStatus().get(MediaStatus.READY));
        assertTrue(fx.catalog.writeCount() < 100, "batched writes, was " + fx.catalog.writeCount());
    }

    @Test
    void zeroByteFileGetsTheDigestsOfEmptyInput() throws IOException {
        Path empty = Files.createFile(fx.root.resolve("empty.mp4"));
        fx.start("hashAlgorithms", "md5,sha1,sha256");

        fx.scan();

        Map<String, String> hashes = fx.catalog.hashes(fx.row(empty).luid());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", hashes.get("md5"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hashes.get("sha1"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hashes.get("sha256"));
        assertEquals(MediaStatus.READY, fx.row(empty).status());
    }

    @Test
    void digestsMatchAnIndependentComputationAndEachFileIsReadOnce() throws IOException {
        byte[] data = new byte[2_500_000];
        new Random(42).nextBytes(data);
        Path big = ScannerFixture.write(fx.root, "big.mkv", data);
        Path small = fx.write("small.mp4", "small");
        fx.start("hashAlgorithms", "md5,sha1,sha256");

        ScanReport report = fx.scan();

        for (Path file : List.of(big, small)) {
            byte[] all = Files.readAllBytes(file);
            Map<String, String> hashes = fx.catalog.hashes(fx.row(file).luid());
            assertEquals(TestProviders.digestOf("MD5", all), hashes.get("md5"));
            assertEquals(TestProviders.digestOf("SHA-1", all), hashes.get("sha1"));
            assertEquals(TestProviders.digestOf("SHA-256", all), hashes.get("sha256"));
        }
        long total = data.length + 5;
        assertEquals(total, report.totals().bytesHashed(), "every byte read once for three algorithms");
        assertEquals(total, report.totals().bytesToHash());
    }

    @Test
    void unknownConfiguredAlgorithmIsReportedAndKnownOnesAreComputed() throws IOException {
        Path file = fx.write("a.mp4", "a");
        fx.start("hashAlgorithms", "md5,whirlpool");

        ScanReport report = fx.scan();

        assertTrue(report.problems().stream().anyMatch(line -> line.contains("whirlpool")), report.problems()::toString);
        assertEquals(Set.of("md5"), fx.catalog.hashes(fx.row(file).luid()).keySet());
        assertEquals(MediaStatus.READY, fx.row(file).status());
    }

    @Test
    void addedAlgorithmIsComputedForFilesAlreadyReady() throws Exception {
        Path file = fx.write("a.mp4", "a");
        fx.start("hashAlgorithms", "md5");
        fx.scan();

        fx.scanner.modified(fx.config("hashAlgorithms", "md5,sha256"));
        Await.until("sha256 is stored",
                () -> fx.catalog.hashes(fx.row(file).luid()).containsKey("sha256"));

        assertEquals(1, fx.md5.digestsStarted.get(), "md5 was not recomputed");
    }

    @Test
    void nonUtf8FileNameDoesNotStopTheScan() throws Exception {
        Path good = fx.write("good.mp4", "good");
        Process process = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'bad\\377name.mp4')\"")
                .directory(fx.root.toFile()).redirectErrorStream(true).start();
        assumeTrue(process.waitFor() == 0, "cannot create a file with a raw byte name here");
        fx.start();

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.READY, fx.row(good).status());
        boolean reported = report.problems().stream().anyMatch(line -> line.contains("not representable"));
        boolean catalogedUsably = fx.catalog.live().stream()
                .anyMatch(row -> row.fileName().startsWith("bad") && Files.exists(Path.of(row.path().toString())));
        assertTrue(reported || catalogedUsably, "either reported or cataloged under a path that still opens: "
                + report.problems());
    }

    /** A hasher that cannot read one file, as a permission problem would look when the tests run as root. */
    private static final class DenyingHasher implements FileHasher {
        private final FileHasher delegate;
        private final Path denied;

        DenyingHasher(FileHasher delegate, Path denied) {
            this.delegate = delegate;
            this.denied = denied;
        }

        @Override
        public Set<String> availableAlgorithms() {
            return delegate.availableAlgorithms();
        }

        @Override
        public FileHashes hash(Path file, Collection<String> algorithms) throws IOException {
            if (file.equals(denied)) {
                throw new AccessDeniedException(file.toString());
            }
            return delegate.hash(file, new ArrayList<>(algorithms));
        }

        @Override
        public FileHashes hashEntry(long luid, Collection<String> algorithms) throws IOException {
            return delegate.hashEntry(luid, algorithms);
        }
    }
}
