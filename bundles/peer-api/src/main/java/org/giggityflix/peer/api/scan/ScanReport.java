package org.giggityflix.peer.api.scan;

import java.time.Instant;
import java.util.List;

/**
 * A finished scan.
 *
 * @param totals   the counters at the end
 * @param finished when it ended
 * @param problems human-readable lines, one per path that could not be handled (capped)
 */
public record ScanReport(ScanProgress totals, Instant finished, List<String> problems) {

    public ScanReport {
        problems = List.copyOf(problems);
    }
}
