package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.giggityflix.peer.api.scan.ScanReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ScanQueueTest} is responsible for what the owner reads when a scan does not finish: a scan ended by the heap
 * running out (a library too large for the peer's JAVA_MAX_MEM) or by an unexpected exception says so in its report,
 * instead of a report that looks clean, and the next scan still runs.
 */
class ScanQueueTest {

    private ScanQueue queue;

    @AfterEach
    void stop() throws InterruptedException {
        queue.stop();
        queue.awaitTermination(5_000);
    }

    @Test
    void aScanThatRunsOutOfMemoryReportsItAndTheNextScanRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        queue = new ScanQueue(Clock.systemUTC(), (scope, progress, problems) -> {
            if (runs.incrementAndGet() == 1) {
                progress.filesNew.incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            }
            return new ScanQueue.Outcome(null, () -> { });
        });

        ScanReport first = queue.submit(ScanScope.everything(true)).get(10, TimeUnit.SECONDS);
        assertEquals(1, first.problems().size(), first.problems().toString());
        String line = first.problems().get(0);
        assertTrue(line.contains("ran out of memory (Java heap space)") && line.contains("JAVA_MAX_MEM"), line);
        assertEquals(1, first.totals().filesNew(), "what it had got to is still reported");
        assertEquals(first, queue.last().orElseThrow());

        ScanReport second = queue.submit(ScanScope.everything(false)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), second.problems());
        assertEquals(2, runs.get());
    }

    @Test
    void aScanEndedByAnExceptionNamesIt() throws Exception {
        queue = new ScanQueue(Clock.systemUTC(), (scope, progress, problems) -> {
            throw new IllegalStateException("catalog closed");
        });

        ScanReport report = queue.submit(ScanScope.everything(false)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("scan stopped: java.lang.IllegalStateException: catalog closed"), report.problems());
    }
}
