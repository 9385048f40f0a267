package org.giggityflix.peer.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.scan.WatchStatus;
import org.giggityflix.peer.testsupport.FixedCatalog;

/**
 * {@code Fakes} is responsible for small in-memory stand-ins of the peer services the commands use, and for
 * capturing what a command prints.
 */
final class Fakes {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private Fakes() {
    }

    /** A command's {@code run}, which fails the way Karaf shows a failed command. */
    @FunctionalInterface
    interface ShellRun {
        void run(PrintStream out) throws CommandException;
    }

    /** Runs {@code command} against a fresh stream and returns what it printed; the command must succeed. */
    static String output(ShellRun command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            command.run(out);
        } catch (CommandException e) {
            throw new AssertionError("the command failed: " + e.getNiceHelp() + "; it printed: " + bytes, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code command}, which must fail (so {@code bin/peer} exits with status 1), and returns what the console
     * shows: what it printed, then the failure's sentence on a line of its own.
     */
    static String failure(ShellRun command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            command.run(out);
        } catch (CommandException e) {
            return bytes.toString(StandardCharsets.UTF_8) + e.getNiceHelp() + "\n";
        }
        throw new AssertionError("the command should have failed; it printed: " + bytes);
    }

    static MediaFile file(long luid, String relative, MediaStatus status) {
        Path root = Path.of("/media/videos");
        return new MediaFile(luid, Optional.empty(), root.resolve(relative), root, relative, 1_572_864L, T0,
                Optional.empty(), status, Optional.empty(), Optional.empty(), T0, T0);
    }

    static ScanStatus idle() {
        return new ScanStatus(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                new WatchStatus(true, 0, 0, ""));
    }

    /** The shared read-only catalog, with a database of 3 MiB for the status lines. */
    static class Catalog extends FixedCatalog {
        Catalog() {
            databaseSize = 3 * 1024 * 1024;
        }
    }

    /** A scanner whose status and scan outcome the test sets. */
    static final class Scanner implements MediaScanner {
        ScanStatus status = idle();
        CompletableFuture<ScanReport> result = new CompletableFuture<>();
        final List<ScanRequest> requests = new ArrayList<>();

        @Override
        public CompletionStage<ScanReport> scan(ScanRequest request) {
            requests.add(request);
            return result;
        }

        @Override
        public ScanStatus status() {
            return status;
        }
    }

    /** A hasher over fixed digests; computes (bytesRead > 0) whatever the catalog lacks. */
    static final class Hasher implements FileHasher {
        Set<String> available = Set.of("md5", "sha1", "sha256");
        Catalog catalog;
        IOException failure;
        List<String> lastRequest;

        @Override
        public Set<String> availableAlgorithms() {
            return available;
        }

        @Override
        public FileHashes hash(Path file, Collection<String> algorithms) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileHashes hashEntry(long luid, Collection<String> algorithms) throws IOException {
            lastRequest = List.copyOf(algorithms);
            if (failure != null) {
                throw failure;
            }
            if (catalog.find(luid).isEmpty()) {
                throw new org.giggityflix.peer.api.hash.NoSuchMediaException(luid);
            }
            Map<String, String> stored = catalog.hashes(luid);
            Map<String, String> digests = new HashMap<>();
            long read = 0;
            for (String a : algorithms) {
                if (stored.containsKey(a)) {
                    digests.put(a, stored.get(a));
                } else {
                    digests.put(a, a + "-computed");
                    read = 1_048_576;
                }
            }
            return new FileHashes(digests, Set.of(), read);
        }
    }
}
