package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code SignalingChannelsTest} is responsible for proving the player page's signaling state stays bounded: a cap
 * per user, sessions private to their user, queues freed when the end is read, when it is not read in time, and
 * when the page stops polling (those sessions are handed back to be stopped).
 */
class SignalingChannelsTest {

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final SignalingChannels channels = new SignalingChannels(clock, () -> 2, () -> 60);

    private void open(String user, String session) {
        assertTrue(channels.reserve(user));
        channels.opened(user, session);
    }

    @Test
    void aUserGetsAtMostTheCapAndOthersAreNotAffected() {
        open("admin", "s1");
        assertTrue(channels.reserve("admin"));
        assertFalse(channels.reserve("admin"), "two open or being opened: the third waits");
        channels.release("admin"); // that open failed
        open("admin", "s2");
        assertFalse(channels.reserve("admin"));
        open("owner2", "t1");
        // an ended session no longer counts
        channels.ended("s1", "{\"type\":\"ended\"}");
        assertTrue(channels.reserve("admin"));
    }

    @Test
    void aSessionIsOnlyVisibleToItsUser() {
        open("admin", "s1");
        assertTrue(channels.of("s1", "admin").isPresent());
        assertTrue(channels.of("s1", "someone-else").isEmpty());
        assertTrue(channels.of("nope", "admin").isEmpty());
        assertTrue(channels.of(null, "admin").isEmpty());
    }

    @Test
    void anEndReadByThePageFreesTheQueue() {
        open("admin", "s1");
        channels.event("s1", "{\"type\":\"candidate\"}");
        channels.ended("s1", "{\"type\":\"ended\"}");
        assertEquals(2, channels.of("s1", "admin").orElseThrow().queue.size());
        channels.collected("s1");
        assertEquals(0, channels.size());
        // a late event for a freed session does not bring it back
        channels.event("s1", "{\"type\":\"candidate\"}");
        assertEquals(0, channels.size());
    }

    @Test
    void anEndNobodyReadsIsFreedSoonAfter() {
        open("admin", "s1");
        channels.ended("s1", "{\"type\":\"ended\"}");
        clock.now = clock.now.plus(SignalingChannels.ENDED_KEPT).minusSeconds(1);
        assertEquals(List.of(), channels.sweep());
        assertEquals(1, channels.size());
        clock.now = clock.now.plusSeconds(2);
        assertEquals(List.of(), channels.sweep(), "already ended: nothing to stop");
        assertEquals(0, channels.size());
    }

    @Test
    void aPageThatStoppedPollingHasItsSessionStoppedAndFreed() {
        open("admin", "s1");
        open("admin", "s2");
        for (int i = 0; i < 10; i++) {
            clock.now = clock.now.plus(Duration.ofSeconds(20));
            channels.polled(channels.of("s2", "admin").orElseThrow()); // s2's page keeps polling
            List<String> stopped = channels.sweep();
            if (i < 3) {
                assertEquals(List.of(), stopped, "at " + (i + 1) * 20 + " s");
            } else if (i == 3) {
                assertEquals(List.of("s1"), stopped);
            }
        }
        assertEquals(1, channels.size());
        assertTrue(channels.of("s2", "admin").isPresent());
        assertTrue(channels.reserve("admin"), "the abandoned one no longer counts against the cap");
    }
}
