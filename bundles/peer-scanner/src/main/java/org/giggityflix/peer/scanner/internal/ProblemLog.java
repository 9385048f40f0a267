package org.giggityflix.peer.scanner.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ProblemLog} is responsible for collecting the human-readable problem lines of one scan, capped so that a
 * folder of a million unreadable files cannot fill the memory or the report.
 */
final class ProblemLog {

    static final int MAX_LINES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);

    private final List<String> lines = new ArrayList<>();
    private long dropped;

    synchronized void add(String line) {
        LOG.debug("scan problem: {}", line);
        if (lines.size() < MAX_LINES) {
            lines.add(line);
        } else {
            dropped++;
        }
    }

    synchronized List<String> lines() {
        List<String> result = new ArrayList<>(lines);
        if (dropped > 0) {
            result.add("... and " + dropped + " more problems");
        }
        return result;
    }

    synchronized int size() {
        return lines.size() + (int) Math.min(Integer.MAX_VALUE, dropped);
    }
}
