package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import org.giggityflix.peer.api.stream.StreamStats;
import org.junit.jupiter.api.Test;

/**
 * {@code SendingStatsTest} is responsible for the arithmetic and the picking behind a session's statistics: the
 * bitrate over the time between two readings, the video stream (not the audio one), the selected candidate pair's
 * estimate and round trip, and a TURN relay recognised as such. {@link ChromiumWebRtcTest} reads real ones.
 */
class SendingStatsTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void readsTheVideoStreamThePathAndTheBitrateSinceTheLastReading() {
        Clock[] now = {Clock.fixed(START.plusSeconds(2), ZoneOffset.UTC)};
        SendingStats stats = new SendingStats(START, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        });

        StreamStats first = stats.from(report(250_000, "relay"));
        now[0] = Clock.fixed(START.plusSeconds(4), ZoneOffset.UTC);
        StreamStats second = stats.from(report(750_000, "relay"));
        now[0] = Clock.fixed(START.plusMillis(4100), ZoneOffset.UTC);
        StreamStats soonAfter = stats.from(report(760_000, "relay"));

        assertEquals(1000, first.bitrateSentKbps(), "250 kB in the 2 s since the session began");
        assertEquals(2000, second.bitrateSentKbps(), "500 kB in the 2 s since the first reading");
        assertEquals(2000, soonAfter.bitrateSentKbps(), "0.1 s later: too short to measure, the last rate stands");
        assertEquals(760_000, soonAfter.bytesSent());
        assertEquals(1280, second.frameWidth());
        assertEquals(720, second.frameHeight());
        assertEquals(29.5, second.framesPerSecond());
        assertEquals("bandwidth", second.qualityLimitation());
        assertEquals(7, second.nacks());
        assertEquals(2, second.plis());
        assertEquals(12, second.packetsLost());
        assertEquals(1800, second.availableOutgoingKbps().getAsLong());
        assertEquals(42.0, second.roundTripMs().getAsDouble(), 1e-9, "the selected pair's round trip");
        assertEquals(Optional.of("relay"), second.route());
        assertEquals(Optional.of("direct"), new SendingStats(START, Clock.systemUTC()).from(report(1, "host")).route());
    }

    @Test
    void aReportWithoutVideoYetGivesZerosNotAnError() {
        StreamStats empty = new SendingStats(START, Clock.systemUTC()).from(new RTCStatsReport(Map.of(), 0) { });

        assertEquals(0, empty.bytesSent());
        assertEquals("", empty.qualityLimitation());
        assertTrue(empty.roundTripMs().isEmpty() && empty.availableOutgoingKbps().isEmpty() && empty.route().isEmpty());
    }

    private static RTCStatsReport report(long bytesSent, String localCandidateType) {
        Map<String, RTCStats> all = new HashMap<>();
        put(all, "OT-audio", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "audio", "bytesSent", 999_999_999L));
        put(all, "OT-video", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "bytesSent", bytesSent,
                "frameWidth", 1280L, "frameHeight", 720L, "framesPerSecond", 29.5,
                "qualityLimitationReason", "bandwidth", "nackCount", 7L, "pliCount", 2L));
        put(all, "RI-video", RTCStatsType.REMOTE_INBOUND_RTP, Map.of("kind", "video", "packetsLost", 12,
                "roundTripTime", 0.09));
        put(all, "T", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP-1"));
        put(all, "CP-0", RTCStatsType.CANDIDATE_PAIR, Map.of("availableOutgoingBitrate", 99e6,
                "currentRoundTripTime", 0.001, "localCandidateId", "L-0"));
        put(all, "CP-1", RTCStatsType.CANDIDATE_PAIR, Map.of("availableOutgoingBitrate", 1.8e6,
                "currentRoundTripTime", 0.042, "localCandidateId", "L-1"));
        put(all, "L-0", RTCStatsType.LOCAL_CANDIDATE, Map.of("candidateType", "host"));
        put(all, "L-1", RTCStatsType.LOCAL_CANDIDATE, Map.of("candidateType", localCandidateType));
        return new RTCStatsReport(all, 0) { };
    }

    private static void put(Map<String, RTCStats> all, String id, RTCStatsType type, Map<String, Object> attributes) {
        all.put(id, new RTCStats(0, type, id, attributes) { });
    }
}
