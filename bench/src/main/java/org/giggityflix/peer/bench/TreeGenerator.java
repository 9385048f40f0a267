package org.giggityflix.peer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;

/**
 * {@code TreeGenerator} is responsible for the benchmark's media tree: {@value #TOP} x {@value #SUB} folders of
 * {@value #PER_FOLDER} small {@code .mp4} files (2 to 6 KiB of pseudo-random bytes), generated once and reused while
 * its marker file says it is complete. Modification times are set in the past so that no file looks "still being
 * copied" to the scanner.
 */
final class TreeGenerator {

    static final int TOP = 10;
    static final int SUB = 100;
    static final int PER_FOLDER = 100;
    static final int FILES = TOP * SUB * PER_FOLDER;

    private static final String MARKER = "tree.complete";
    private static final String ADDED_MARKER = "tree-added.complete";

    private TreeGenerator() {
    }

    /** The tree under {@code benchDir}/tree, generating it first when it is not complete. */
    static Path ensure(Path benchDir) throws IOException {
        Path tree = benchDir.resolve("tree");
        Path marker = benchDir.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker).trim().equals(spec())) {
            System.out.println("  reusing " + FILES + " files in " + tree);
            return tree;
        }
        System.out.println("  generating " + FILES + " files in " + tree + " (once) ...");
        long start = System.nanoTime();
        Files.deleteIfExists(marker);
        Random random = new Random(42);
        byte[] content = new byte[6 * 1024];
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        long bytes = 0;
        int n = 0;
        for (int top = 0; top < TOP; top++) {
            for (int sub = 0; sub < SUB; sub++) {
                Path folder = tree.resolve(String.format("show-%02d/season-%03d", top, sub));
                Files.createDirectories(folder);
                for (int i = 0; i < PER_FOLDER; i++, n++) {
                    random.nextBytes(content);
                    int size = 2048 + random.nextInt(4096);
                    Path file = folder.resolve(String.format("episode-%03d.mp4", i));
                    Files.write(file, java.util.Arrays.copyOf(content, size));
                    Files.setLastModifiedTime(file, FileTime.from(base.plusSeconds(n)));
                    bytes += size;
                }
            }
        }
        Files.writeString(marker, spec() + "\n");
        System.out.printf("  generated %,d files, %,d bytes in %.1f s%n", n, bytes, (System.nanoTime() - start) / 1e9);
        return tree;
    }

    /**
     * A second tree, a copy of {@code tree} (same sizes and mtimes, other inodes) beside it, made once: a media dir
     * added to a running peer.
     */
    static Path ensureAdded(Path benchDir, Path tree) throws IOException, InterruptedException {
        Path added = benchDir.resolve("tree-added");
        Path marker = benchDir.resolve(ADDED_MARKER);
        if (Files.exists(marker) && Files.readString(marker).trim().equals(spec())) {
            System.out.println("  reusing " + FILES + " files in " + added);
            return added;
        }
        System.out.println("  copying the tree to " + added + " (once) ...");
        Files.deleteIfExists(marker);
        Commands.time("rm -rf " + Commands.quote(added) + " && cp -a " + Commands.quote(tree) + " "
                + Commands.quote(added));
        Files.writeString(marker, spec() + "\n");
        return added;
    }

    private static String spec() {
        return TOP + "x" + SUB + "x" + PER_FOLDER + " mp4 2-6KiB v1";
    }
}
