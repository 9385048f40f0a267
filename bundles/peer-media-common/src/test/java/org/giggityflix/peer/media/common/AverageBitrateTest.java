package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@code AverageBitrateTest} is responsible for proving the bit rate a probe reports from size and duration, and
 * that an unknown or zero duration gives no bit rate rather than infinity or a crash.
 */
class AverageBitrateTest {

    @Test
    void bitsOverSeconds() {
        assertEquals(8_000_000L, AverageBitrate.of(10_000_000, 10.0));
        assertEquals(3L, AverageBitrate.of(1, 3.0)); // 8 bits over 3 s, rounded
    }

    @Test
    void noDurationNoBitrate() {
        assertNull(AverageBitrate.of(1000, null));
        assertNull(AverageBitrate.of(1000, 0.0));
        assertNull(AverageBitrate.of(1000, -1.0));
        assertNull(AverageBitrate.of(1000, Double.NaN));
    }
}
