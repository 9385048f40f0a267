package org.giggityflix.peer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code CommandsTest} is responsible for the promises the namespace, port-block, disk and TURN helpers rely on when
 * they run a program: what it printed (errors included) and how it exited, a failure that says which command failed
 * and what it printed, a hung program killed at the limit, and an interrupt that is kept, not swallowed.
 */
class CommandsTest {

    @Test
    void outputAndErrorsAreReadTogetherWithTheExitCode() throws IOException {
        Commands.Result result = Commands.run("sh", "-c", "echo out; echo err >&2; exit 3");

        assertEquals(3, result.exit());
        assertEquals("out\nerr\n", result.out());
        assertEquals(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), result.command());
    }

    @Test
    void checkReturnsTheOutputOfASuccessfulCommand() throws IOException {
        assertEquals("ready\n", Commands.check("sh", "-c", "echo ready"));
    }

    @Test
    void aNonZeroExitFailsACheckWithTheCommandAndWhatItPrinted() {
        IOException failure = assertThrows(IOException.class,
                () -> Commands.check("sh", "-c", "echo 'no such table' >&2; exit 1"));

        assertEquals("sh -c echo 'no such table' >&2; exit 1 failed (1): no such table", failure.getMessage());
    }

    @Test
    void aProgramThatCannotStartFails() {
        assertThrows(IOException.class, () -> Commands.run("/nonexistent/gfx-no-such-program"));
    }

    @Test
    void aProgramStillRunningAtTheLimitIsKilledAndFails() {
        // sleep keeps its output open until it ends: the limit must not wait for the output to close.
        IOException failure = assertThrows(IOException.class,
                () -> Commands.run(Duration.ofSeconds(1), List.of("sleep", "120")));

        assertEquals("sleep 120 did not finish within 1 s", failure.getMessage());
    }

    @Test
    void anInterruptFailsTheCommandAndStaysOnTheThread() {
        Thread.currentThread().interrupt();
        try {
            IOException failure = assertThrows(IOException.class, () -> Commands.run("sleep", "120"));

            assertTrue(failure.getMessage().startsWith("interrupted: sleep 120"), failure.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must stay on the thread");
        } finally {
            Thread.interrupted();
        }
    }
}
