package org.giggityflix.peer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Commands} is responsible for running the baseline tools (find, md5sum, sha1sum) through {@code sh -c},
 * their output discarded, and timing them by the wall clock from this JVM.
 */
final class Commands {

    private Commands() {
    }

    /** Runs {@code script} with sh; returns the seconds it took. Fails if it exits non-zero. */
    static double time(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", script))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IOException("baseline failed (exit " + exit + "): " + script);
        }
        return seconds;
    }

    /** The best of {@code runs} timings of {@code script}. */
    static double best(String script, int runs) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, time(script));
        }
        return best;
    }

    /** {@code path} quoted for sh. */
    static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
