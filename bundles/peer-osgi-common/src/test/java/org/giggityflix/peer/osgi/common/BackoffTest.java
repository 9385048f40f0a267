package org.giggityflix.peer.osgi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code BackoffTest} is responsible for proving retries spread out, double, and never wait past the cap. */
class BackoffTest {

    @Test
    void doublesPerAttemptWithinTheJitter() {
        Backoff middle = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.5);
        assertEquals(Duration.ofSeconds(10), middle.delay(1));
        assertEquals(Duration.ofSeconds(20), middle.delay(2));
        assertEquals(Duration.ofSeconds(40), middle.delay(3));
    }

    @Test
    void jitterSpreadsByAFifth() {
        assertEquals(Duration.ofSeconds(8), new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.0).delay(1));
        assertTrue(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.999).delay(1).toMillis() <= 12_000);
    }

    @Test
    void aFirstWaitAboveTheCapIsTheCap() {
        assertEquals(Duration.ofMinutes(5), new Backoff(Duration.ofHours(1), Duration.ofMinutes(5), () -> 0.5).delay(1));
    }

    @Test
    void isCappedAtFiveMinutesEvenForHugeAttemptCounts() {
        Backoff high = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.999);
        assertEquals(Duration.ofMinutes(5), high.delay(50));
        assertEquals(Duration.ofMinutes(5), high.delay(Integer.MAX_VALUE));
    }
}
