package org.giggityflix.peer.itests.edge;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code EdgeProcess} is responsible for starting the test Edge ({@link EdgeDriver}) as a separate JVM from inside
 * the container, sending it commands and reading its one-line answers, and killing it like a crashed Edge.
 */
public final class EdgeProcess implements AutoCloseable {

    /** By name: the driver's classes (gRPC, protobuf) are not loadable inside Karaf, and need not be. */
    private static final String DRIVER = "org.giggityflix.peer.itests.edge.EdgeDriver";

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private EdgeProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    answers.add(line);
                }
            } catch (IOException e) {
                answers.add("error edge output closed: " + e);
            }
        }, "test-edge-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the Edge on {@code port} and waits until it listens. Its log (every message the peer sends) goes to
     * {@code log}.
     */
    public static EdgeProcess start(Path standaloneJar, Path driverClasses, int port, Path log) {
        if (!Files.isRegularFile(standaloneJar)) {
            throw new IllegalStateException("no test Edge jar at " + standaloneJar + ": build test-edge first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-Xmx256m",
                    "-cp", standaloneJar + File.pathSeparator + driverClasses,
                    DRIVER, String.valueOf(port))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            // Whatever happens to the test, the Edge does not outlive the container.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "test-edge-reaper"));
            EdgeProcess edge = new EdgeProcess(process);
            String ready = edge.next(Duration.ofSeconds(30));
            if (!ready.startsWith("ready")) {
                edge.kill();
                throw new IllegalStateException("test Edge did not start: " + ready + " (see " + log + ")");
            }
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and returns its one-line answer. */
    public synchronized String call(String command, Duration timeout) {
        answers.clear();
        commands.println(command);
        return next(timeout);
    }

    public String call(String command) {
        return call(command, Duration.ofSeconds(40));
    }

    private String next(Duration timeout) {
        try {
            String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("the test Edge did not answer within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the Edge at once, as a crash would (no goodbye to the peer). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            commands.println("quit");
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }
}
