package org.giggityflix.peer.api.scan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the scanner is doing and has done.
 *
 * @param current       the running scan's progress, if one runs
 * @param last          the last finished scan
 * @param nextScheduled when the next periodic scan will start
 * @param roots         each configured media dir
 * @param watch         live watching
 */
public record ScanStatus(
        Optional<ScanProgress> current,
        Optional<ScanReport> last,
        Optional<Instant> nextScheduled,
        List<RootStatus> roots,
        WatchStatus watch) {

    public ScanStatus {
        roots = List.copyOf(roots);
    }

    public boolean running() {
        return current.isPresent();
    }
}
