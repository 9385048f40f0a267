package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code Commands} is responsible for running a machine's program to its end for test-support's helpers
 * ({@link NetNamespace}, {@link PortBlock}, {@link SmallDisk}, {@link TurnServer}, {@link FfmpegCli#available()}):
 * its output and errors read together, at most a time limit (30 s unless said otherwise) after which it is killed, an interrupt kept
 * on the thread and reported as an {@link IOException}, and on request a failure for a non-zero exit that quotes the
 * command and what it printed.
 *
 * <p>The output goes to a temporary file, not a pipe, so the limit holds even for a program that leaves something
 * behind holding its output open.
 */
final class Commands {

    /** How long a command may run unless its caller says otherwise. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private Commands() {
    }

    /** How a command exited and what it printed (output and errors together). */
    record Result(List<String> command, int exit, String out) {

        /** This result, or an {@link IOException} quoting the command and its output when it exited non-zero. */
        Result checked() throws IOException {
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + exit + "): " + out.trim());
            }
            return this;
        }
    }

    /** Runs {@code command} for at most {@link #LIMIT}; any exit code is a result. */
    static Result run(String... command) throws IOException {
        return run(LIMIT, List.of(command));
    }

    /** Runs {@code command} for at most {@link #LIMIT} and returns its output; a non-zero exit throws. */
    static String check(String... command) throws IOException {
        return run(LIMIT, List.of(command)).checked().out();
    }

    /**
     * Runs {@code command} for at most {@code limit}; any exit code is a result. A program that cannot be started,
     * that is still running after {@code limit} (it is killed), or a thread interrupted while waiting (the interrupt
     * is kept) throws.
     */
    static Result run(Duration limit, List<String> command) throws IOException {
        Path output = Files.createTempFile("gfxcmd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within "
                            + limit.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
            return new Result(List.copyOf(command), p.exitValue(), 
                    new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
