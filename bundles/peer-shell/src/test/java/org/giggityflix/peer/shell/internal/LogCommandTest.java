package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LogCommandTest} is responsible for proving peer:log shows the peer's own recent entries and nothing else. */
class LogCommandTest {

    @TempDir
    Path dir;

    private static String entry(int i, String level, String bundle, String message) {
        return "2026-11-25T23:0" + (i % 10) + ":00,000 | " + level + " | main             | Some                    "
                + "         | 74 - " + bundle + " - 0.1.0.SNAPSHOT | " + message;
    }

    private String run(String... args) {
        return Fakes.output(command(args)::run);
    }

    private LogCommand command(String... args) {
        LogCommand command = new LogCommand();
        command.logDir = dir;
        if (args.length > 0) {
            command.count = Integer.parseInt(args[0]);
        }
        if (args.length > 1) {
            command.level = args[1];
        }
        return command;
    }

    @Test
    void showsTheLastPeerEntriesWithStackTracesAcrossRotation() throws IOException {
        Files.write(dir.resolve("karaf.log.1"), List.of(
                entry(1, "INFO ", "org.giggityflix.peer.scanner", "old scan")));
        Files.write(dir.resolve("karaf.log"), List.of(
                entry(2, "INFO ", "org.apache.karaf.shell.core", "karaf noise"),
                entry(3, "WARN ", "org.giggityflix.peer.edge", "edge unreachable"),
                "java.io.IOException: refused",
                "\tat somewhere(X.java:1)",
                entry(4, "INFO ", "org.ops4j.pax.web.pax-web-runtime", "more noise"),
                "\tat noise(Y.java:2)",
                entry(5, "INFO ", "org.giggityflix.peer.web", "web sign-in: admin")));
        String all = run("10");
        assertTrue(all.contains("old scan"), all);
        assertTrue(all.contains("edge unreachable\njava.io.IOException: refused\n\tat somewhere(X.java:1)\n"), all);
        assertTrue(all.contains("web sign-in"), all);
        assertTrue(!all.contains("noise"), all);
        String two = run("2");
        assertTrue(!two.contains("old scan") && two.contains("edge unreachable") && two.contains("web sign-in"), two);
        String warn = run("10", "WARN");
        assertTrue(warn.contains("edge unreachable") && !warn.contains("web sign-in"), warn);
    }

    @Test
    void saysSoWhenThereIsNothing() {
        assertTrue(run().startsWith("No peer log entries"));
        assertEquals("N must be between 1 and 100000.\n", Fakes.failure(command("0")::run));
    }
}
