package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;

/**
 * {@code ScannerFixture} is responsible for the plumbing of scanner tests: an in-memory catalog, a real hasher with
 * counting providers, a scanner built without OSGi, and helpers to write files, run a scan to its end and read rows.
 */
final class ScannerFixture implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    final InMemoryMediaCatalog catalog = new InMemoryMediaCatalog();
    final TestProviders.Counting md5 = TestProviders.md5();
    final TestProviders.Counting sha1 = TestProviders.sha1();
    final TestProviders.Counting sha256 = TestProviders.sha256();
    final SinglePassFileHasher hasher = new SinglePassFileHasher(catalog, Map.of());
    final Path root;
    DirectoryMediaScanner scanner;

    ScannerFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        hasher.addProvider(md5, TestProviders.props("md5"));
        hasher.addProvider(sha1, TestProviders.props("sha1"));
        hasher.addProvider(sha256, TestProviders.props("sha256"));
    }

    /** Settings every test starts from: this root, no schedule, no watching, no settle wait. */
    Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("mediaDirs", root.toString());
        config.put("scanIntervalMinutes", 0);
        config.put("watchEnabled", false);
        config.put("settleSeconds", 0);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    DirectoryMediaScanner start(Object... keyValues) {
        return start(hasher, config(keyValues));
    }

    DirectoryMediaScanner start(FileHasher fileHasher, Map<String, Object> config) {
        scanner = new DirectoryMediaScanner(catalog, fileHasher, config, Clock.systemUTC(), -1);
        return scanner;
    }

    ScanReport scan() {
        return await(scanner.scan(ScanRequest.incremental()).toCompletableFuture());
    }

    ScanReport fullScan() {
        return await(scanner.scan(ScanRequest.fullScan()).toCompletableFuture());
    }

    static ScanReport await(java.util.concurrent.CompletableFuture<ScanReport> future) {
        try {
            return future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("scan did not finish", e);
        }
    }

    Path write(String relative, String content) throws IOException {
        return write(root, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path base, String relative, byte[] content) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    MediaFile row(Path file) {
        return catalog.findByPath(file).orElseThrow(() -> new AssertionError("not cataloged: " + file));
    }

    Optional<MediaFile> maybeRow(Path file) {
        return catalog.findByPath(file);
    }

    List<String> livePaths() {
        return catalog.live().stream().map(row -> root.relativize(row.path()).toString().replace('\\', '/'))
                .sorted().toList();
    }

    boolean hasStatus(Path file, MediaStatus status) {
        return maybeRow(file).map(row -> row.status() == status).orElse(false);
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.deactivate();
        }
        hasher.deactivate();
    }
}
