package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.giggityflix.peer.catalog.internal.TestDatabases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CrashRecoveryTest} is responsible for proving that a kill -9 in the middle of writing batches leaves a
 * database that is intact, has no duplicate paths, keeps every committed batch whole and no part of the batch that
 * was being written.
 */
class CrashRecoveryTest {

    private static final int ROUNDS = 3;
    private static final int COMMITS_BEFORE_KILL = 5;

    @TempDir
    Path tmp;

    @Test
    void killMinus9WhileWritingLosesNothingCommittedAndCorruptsNothing() throws Exception {
        Path db = tmp.resolve("catalog.db");
        int nextBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int lastCommitted = writeUntilKilled(db, nextBatch, round);
            assertRecovered(db, lastCommitted);
            nextBatch = lastCommitted + 1_000;
        }
    }

    /** @return the last batch the child said was committed before it was killed */
    private int writeUntilKilled(Path db, int firstBatch, int round) throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-cp", testClassPath(), CrashWriter.class.getName(),
                db.toString(), String.valueOf(firstBatch))
                .redirectError(tmp.resolve("child-" + round + ".err").toFile())
                .start();
        try {
            BlockingQueue<String> lines = linesOf(child);
            int lastCommitted = -1;
            for (int seen = 0; seen < COMMITS_BEFORE_KILL; seen++) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertNotNull(line, "child wrote no commit within 60 s: " + childErrors(round));
                lastCommitted = Integer.parseInt(line.substring("committed ".length()));
            }
            // The child starts the next batch at once: the kill lands inside a transaction.
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            for (String late = lines.poll(1, TimeUnit.SECONDS); late != null; late = lines.poll(1, TimeUnit.SECONDS)) {
                lastCommitted = Integer.parseInt(late.substring("committed ".length()));
            }
            return lastCommitted;
        } finally {
            child.destroyForcibly();
        }
    }

    private void assertRecovered(Path db, int lastCommitted) {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            assertEquals(List.of(), catalog.appliedMigrations(), "reopening must not migrate again");
            assertEquals("ok", query(db, "PRAGMA integrity_check"));
            assertEquals("0", query(db, "SELECT count(*) FROM (SELECT path FROM media_files GROUP BY path"
                    + " HAVING count(*) > 1)"));
            assertTrue(catalog.findByPath(Path.of("/media/batch-" + lastCommitted + "/file-0.mkv")).isPresent(),
                    "the last committed batch " + lastCommitted + " is missing");
            assertEquals("0", query(db, "SELECT count(*) FROM (SELECT substr(relative_path, 1,"
                    + " instr(relative_path, '/')) AS batch, count(*) AS n FROM media_files GROUP BY batch"
                    + " HAVING n <> " + CrashWriter.FILES_PER_BATCH + ")"), "a batch was kept in part");
            assertEquals(2 * catalog.count(MediaQuery.firstPage(1)), queryLong(db, "SELECT count(*) FROM hashes"));
        }
    }

    private static BlockingQueue<String> linesOf(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The stream breaks when the child is killed; the lines read so far are what counts.
            }
        }, "crash-writer-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private String childErrors(int round) {
        try {
            return Files.readString(tmp.resolve("child-" + round + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire puts the real test class path here when it forks with a manifest-only jar. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertFalse(classPath.isBlank());
        return classPath;
    }
}
