package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;

/**
 * {@code ScanCommand} is responsible for {@code peer:scan}: starting a scan of the media dirs and, on request,
 * following it until it ends.
 */
@Service
@Command(scope = "peer", name = "scan",
        description = "Scans the media dirs for new, changed, moved and deleted files. Returns at once unless "
                + "--wait is given; a scan already running is joined rather than started twice.")
public class ScanCommand implements Action {

    @Reference(optional = true)
    MediaScanner scanner;

    @Option(name = "--full", aliases = "-f",
            description = "Re-read and re-hash every file instead of trusting unchanged size and modification "
                    + "time (slow on large libraries)")
    boolean full;

    @Option(name = "--wait", aliases = "-w",
            description = "Print progress every second until the scan ends, then its summary and problems. "
                    + "Ctrl-C stops waiting, not the scan")
    boolean waitForEnd;

    /** How often progress is printed; tests shorten it. */
    Duration tick = Duration.ofSeconds(1);
    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (scanner == null) {
            throw Messages.failure(Messages.NO_SCANNER);
        }
        boolean joining = scanner.status().running();
        CompletableFuture<ScanReport> done =
                scanner.scan(full ? ScanRequest.fullScan() : ScanRequest.incremental()).toCompletableFuture();
        out.println(startedMessage(joining));
        if (waitForEnd) {
            follow(done, out);
        } else {
            out.println("Follow it with peer:status, or run peer:scan --wait.");
        }
    }

    private String startedMessage(boolean joining) {
        if (!joining) {
            return "Started " + (full ? "a full" : "an incremental") + " scan.";
        }
        return full ? "A scan is running; a full scan is queued to follow it."
                : "A scan is already running; this request joins it.";
    }

    private void follow(CompletableFuture<ScanReport> done, PrintStream out) throws CommandException {
        while (true) {
            try {
                printReport(done.get(tick.toMillis(), TimeUnit.MILLISECONDS), out);
                return;
            } catch (TimeoutException e) {
                printProgress(out);
            } catch (InterruptedException e) {
                // Ctrl-C was meant for this wait only: consume it and leave the scan running.
                out.println("Stopped waiting; the scan goes on (peer:status shows its progress).");
                return;
            } catch (ExecutionException e) {
                throw Messages.failure("The scan failed: " + describe(e.getCause()));
            }
        }
    }

    private void printProgress(PrintStream out) {
        try {
            scanner.status().current()
                    .ifPresent(p -> out.println(Formats.progress(p, clock.instant())));
        } catch (RuntimeException e) {
            // The scanner may be going away mid-wait (bundle stopped); the future will say so.
            out.println("(progress unavailable: " + describe(e) + ")");
        }
    }

    private void printReport(ScanReport report, PrintStream out) {
        ZoneId zone = clock.getZone();
        out.println("Scan finished " + Formats.report(report, zone));
        if (report.problems().isEmpty()) {
            out.println("No problems.");
            return;
        }
        out.println("Problems (" + report.problems().size() + "):");
        report.problems().forEach(p -> out.println("  " + p));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
