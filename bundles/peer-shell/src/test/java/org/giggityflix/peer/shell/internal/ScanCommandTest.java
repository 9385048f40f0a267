package org.giggityflix.peer.shell.internal;

import static org.giggityflix.peer.shell.internal.StatusCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.scan.WatchStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code ScanCommandTest} is responsible for proving {@code peer:scan}: starting or joining a scan, following it
 * with --wait to its report, and Ctrl-C ending only the wait.
 */
class ScanCommandTest {

    private final Fakes.Scanner scanner = new Fakes.Scanner();

    private ScanCommand command(boolean full, boolean wait) {
        ScanCommand c = new ScanCommand();
        c.scanner = scanner;
        c.full = full;
        c.waitForEnd = wait;
        c.tick = Duration.ofMillis(20);
        c.clock = Clock.fixed(Fakes.T0.plusSeconds(30), ZoneOffset.UTC);
        return c;
    }

    @Test
    void startsAndReturnsAtOnce() {
        String out = Fakes.output(command(true, false)::run);

        assertTrue(scanner.requests.get(0).full());
        assertContains(out, "Started a full scan.");
        assertContains(out, "peer:scan --wait");
    }

    @Test
    void joiningARunningScanIsSaid() {
        scanner.status = running();

        assertContains(Fakes.output(command(false, false)::run), "A scan is already running; this request joins it.");
        assertContains(Fakes.output(command(true, false)::run), "a full scan is queued to follow it");
    }

    @Test
    void waitPrintsProgressThenTheReportAndProblems() {
        scanner.status = running();
        Thread finisher = new Thread(() -> {
            sleep(100);
            scanner.result.complete(new ScanReport(progress(), Fakes.T0.plusSeconds(65),
                    List.of("/media/x.mkv: permission denied")));
        });
        finisher.start();

        String out = Fakes.output(command(false, true)::run);

        assertContains(out, "incremental, running 30s: 5 seen, 2 new");
        assertContains(out, "Scan finished 2026-11-25 10:01:05, incremental, took 1m 05s");
        assertContains(out, "Problems (1):");
        assertContains(out, "  /media/x.mkv: permission denied");
    }

    @Test
    void cleanReportSaysNoProblems() {
        scanner.result.complete(new ScanReport(progress(), Fakes.T0.plusSeconds(5), List.of()));

        String out = Fakes.output(command(false, true)::run);

        assertContains(out, "Scan finished");
        assertContains(out, "No problems.");
    }

    @Test
    void interruptStopsWaitingNotTheScan() throws Exception {
        scanner.status = running();
        AtomicReference<String> printed = new AtomicReference<>("");
        Thread waiting = new Thread(() -> printed.set(Fakes.output(command(false, true)::run)));
        waiting.start();
        sleep(100);

        waiting.interrupt(); // what Karaf does on Ctrl-C
        waiting.join(2000);

        assertFalse(waiting.isAlive());
        assertContains(printed.get(), "Stopped waiting; the scan goes on");
        assertFalse(scanner.result.isDone(), "the scan itself was not cancelled");
    }

    @Test
    void failedScanIsReported() {
        scanner.result.completeExceptionally(new IllegalStateException("catalog is read-only"));

        assertContains(Fakes.failure(command(false, true)::run), "The scan failed: catalog is read-only");
    }

    @Test
    void missingScannerIsExplained() {
        ScanCommand c = command(false, true);
        c.scanner = null;

        assertEquals(Messages.NO_SCANNER + "\n", Fakes.failure(c::run));
    }

    private static ScanProgress progress() {
        return new ScanProgress(Fakes.T0, false, 5, 2, 0, 0, 0, 0, 10, 20, Optional.empty());
    }

    private static ScanStatus running() {
        return new ScanStatus(Optional.of(progress()), Optional.empty(), Optional.empty(), List.of(),
                new WatchStatus(true, 1, 0, ""));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
