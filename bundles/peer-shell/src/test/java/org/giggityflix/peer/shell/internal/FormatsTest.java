package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.junit.jupiter.api.Test;

/**
 * {@code FormatsTest} is responsible for proving that sizes, durations, times and scan lines read as intended.
 */
class FormatsTest {

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Formats.bytes(0));
        assertEquals("1023 B", Formats.bytes(1023));
        assertEquals("1.0 KiB", Formats.bytes(1024));
        assertEquals("1.5 MiB", Formats.bytes(1_572_864));
        assertEquals("4.0 GiB", Formats.bytes(4L << 30));
        assertEquals("8.0 EiB", Formats.bytes(Long.MAX_VALUE));
    }

    @Test
    void durationsShowTheTwoLargestUnits() {
        assertEquals("850ms", Formats.duration(Duration.ofMillis(850)));
        assertEquals("12s", Formats.duration(Duration.ofSeconds(12)));
        assertEquals("3m 05s", Formats.duration(Duration.ofSeconds(185)));
        assertEquals("1h 02m", Formats.duration(Duration.ofMinutes(62).plusSeconds(30)));
        assertEquals("2d 03h", Formats.duration(Duration.ofHours(51)));
        assertEquals("0ms", Formats.duration(Duration.ofSeconds(-5)));
    }

    @Test
    void countsAndTimes() {
        assertEquals("1,234,567", Formats.count(1_234_567));
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals("2026-11-25 10:00:00", Formats.time(t, ZoneOffset.UTC));
        assertEquals("2026-11-25 10:00:00 (5m 00s ago)",
                Formats.timeRelative(t, t.plusSeconds(300), ZoneOffset.UTC));
        assertEquals("2026-11-25 10:00:00 (in 1h 00m)",
                Formats.timeRelative(t, t.minusSeconds(3600), ZoneOffset.UTC));
    }

    @Test
    void progressLineHasCountersBytesPercentAndEta() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        ScanProgress p = new ScanProgress(start, false, 1200, 12, 3, 1, 2, 0, 1L << 30, 4L << 30,
                Optional.of(Duration.ofSeconds(130)));

        assertEquals("incremental, running 45s: 1,200 seen, 12 new, 3 changed, 1 moved, 2 gone, 0 failed; "
                        + "hashed 1.0 GiB of 4.0 GiB (25%), ETA 2m 10s",
                Formats.progress(p, start.plusSeconds(45)));
    }

    @Test
    void progressWithoutEstimateSaysSo() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        ScanProgress p = new ScanProgress(start, true, 1, 1, 0, 0, 0, 0, 0, 0, Optional.empty());

        assertEquals("full, running 1s: 1 seen, 1 new, 0 changed, 0 moved, 0 gone, 0 failed; hashed 0 B of 0 B, "
                + "ETA unknown yet", Formats.progress(p, start.plusSeconds(1)));
    }

    @Test
    void reportSaysWhenHowLongAndWhat() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        ScanProgress totals = new ScanProgress(start, true, 10, 2, 0, 0, 0, 1, 2048, 2048, Optional.empty());
        ScanReport r = new ScanReport(totals, start.plusSeconds(185), List.of());

        assertEquals("2026-11-25 10:03:05, full, took 3m 05s: 10 seen, 2 new, 0 changed, 0 moved, 0 gone, 1 failed; "
                + "hashed 2.0 KiB", Formats.report(r, ZoneOffset.UTC));
    }
}
