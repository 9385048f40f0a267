package org.giggityflix.peer.shell.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;

/**
 * {@code Formats} is responsible for writing sizes, durations, times and scan counters the way people read them.
 */
final class Formats {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.5 KiB}, {@code 4.0 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 850ms}, {@code 12s}, {@code 3m 05s}, {@code 1h 02m}, {@code 2d 03h}: the two largest units. */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }

    /** {@code 1,234}: counts grouped so large libraries stay readable. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Local wall-clock time, to the second. */
    static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }

    /** {@code 2026-11-25 23:10:06 (5m 03s ago)} or {@code (in 55m 00s)}. */
    static String timeRelative(Instant t, Instant now, ZoneId zone) {
        Duration diff = Duration.between(now, t);
        String rel = diff.isNegative() ? duration(diff.negated()) + " ago" : "in " + duration(diff);
        return time(t, zone) + " (" + rel + ")";
    }

    /** One line of a running scan, as {@code peer:scan --wait} and {@code peer:status} print it. */
    static String progress(ScanProgress p, Instant now) {
        StringBuilder line = new StringBuilder()
                .append(p.full() ? "full" : "incremental")
                .append(", running ").append(duration(Duration.between(p.started(), now)))
                .append(": ").append(counters(p))
                .append("; hashed ").append(bytes(p.bytesHashed()))
                .append(" of ").append(bytes(Math.max(p.bytesHashed(), p.bytesToHash())));
        percent(p).ifPresent(pc -> line.append(" (").append(pc).append("%)"));
        line.append(", ETA ").append(p.eta().map(Formats::duration).orElse("unknown yet"));
        return line.toString();
    }

    /** The counters every scan line shows. */
    static String counters(ScanProgress p) {
        return count(p.filesSeen()) + " seen, " + count(p.filesNew()) + " new, " + count(p.filesChanged())
                + " changed, " + count(p.filesMoved()) + " moved, " + count(p.filesGone()) + " gone, "
                + count(p.filesFailed()) + " failed";
    }

    /** {@code 2026-11-25 23:10:06, took 3m 05s: 12 seen, ...; hashed 4.0 GiB}. */
    static String report(ScanReport r, ZoneId zone) {
        ScanProgress t = r.totals();
        return time(r.finished(), zone) + ", " + (t.full() ? "full" : "incremental") + ", took "
                + duration(Duration.between(t.started(), r.finished())) + ": " + counters(t)
                + "; hashed " + bytes(t.bytesHashed());
    }

    private static Optional<Long> percent(ScanProgress p) {
        if (p.bytesToHash() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(100, p.bytesHashed() * 100 / p.bytesToHash()));
    }

    /** One line for the Edge link: state, address, since when, attempts, last error and counters. */
    static String edge(EdgeStatus s, Clock clock) {
        EdgeCounters c = s.counters();
        StringBuilder text = new StringBuilder()
                .append(s.state().name().toLowerCase(Locale.ROOT)).append(" ").append(s.address())
                .append(" since ").append(timeRelative(s.since(), clock.instant(), clock.getZone()));
        if (s.attempts() > 0) {
            text.append(", ").append(s.attempts()).append(" reconnect attempts");
        }
        s.lastError().ifPresent(e -> text.append(", last error: ").append(e));
        return text.append("; messages ").append(count(c.messagesIn())).append(" in / ")
                .append(count(c.messagesOut())).append(" out, files ")
                .append(count(c.filesOffered())).append(" offered / ")
                .append(count(c.filesCataloged())).append(" cataloged, ")
                .append(count(c.requestsRefused())).append(" requests refused").toString();
    }
}
