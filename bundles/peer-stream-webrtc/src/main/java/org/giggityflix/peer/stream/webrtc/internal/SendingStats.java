package org.giggityflix.peer.stream.webrtc.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import org.giggityflix.peer.api.stream.StreamStats;

/**
 * {@code SendingStats} is responsible for one session's sending statistics: it reads the peer connection's stats
 * report — the video {@code outbound-rtp} (bytes, frame size and rate, quality limitation, NACKs and PLIs received),
 * what the viewer reported back ({@code remote-inbound-rtp}: packets lost, round trip) and the selected candidate
 * pair (the bandwidth estimate, round trip, and whether the local candidate is a TURN relay) — into a
 * {@link StreamStats}, the bitrate from the bytes sent since the previous reading (at least a second before: a
 * reading sooner repeats the last bitrate, so several people looking at once do not see noise). A reading less than
 * half a second old is handed out again without asking libwebrtc (the dashboard, {@code /metrics} and the console
 * may all look at once).
 */
final class SendingStats {

    private static final long WAIT_MILLIS = 2000;
    /** A bitrate over less than this is noise (libwebrtc refreshes its counters every few tens of ms). */
    private static final double MIN_SECONDS = 1.0;
    /** A reading younger than this is handed out again instead of asking the peer connection. */
    private static final Duration FRESH = Duration.ofMillis(500);

    private final Clock clock;
    // Guarded by this: the reading the bitrate is measured from, the last bitrate measured, the latest reading.
    private Instant lastAt;
    private long lastBytes;
    private long lastKbps;
    private StreamStats latest;

    /** @param started when the session began: the first reading's bitrate is the average since then */
    SendingStats(Instant started, Clock clock) {
        this.clock = clock;
        this.lastAt = started;
    }

    /** The statistics of {@code connection} now, or empty when it has none to give within 2 s (closing, failed). */
    Optional<StreamStats> read(RTCPeerConnection connection) {
        if (connection == null) {
            return Optional.empty();
        }
        synchronized (this) {
            if (latest != null && Duration.between(latest.sampled(), clock.instant()).compareTo(FRESH) < 0) {
                return Optional.of(latest);
            }
        }
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        try {
            connection.getStats(report::complete);
            return Optional.of(from(report.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Turns one stats report into the figures a person watches; the bitrate is over the time since the last one. */
    synchronized StreamStats from(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        RTCStats out = null;
        RTCStats remote = null;
        String selectedPair = null;
        for (RTCStats s : all.values()) {
            if (s.getType() == RTCStatsType.OUTBOUND_RTP && video(s)) {
                out = s;
            } else if (s.getType() == RTCStatsType.REMOTE_INBOUND_RTP && video(s)) {
                remote = s;
            } else if (s.getType() == RTCStatsType.TRANSPORT && text(s, "selectedCandidatePairId") != null) {
                selectedPair = text(s, "selectedCandidatePairId");
            }
        }
        RTCStats pair = selectedPair == null ? null : all.get(selectedPair);
        Instant now = clock.instant();
        long bytes = whole(out, "bytesSent");
        double seconds = Duration.between(lastAt, now).toNanos() / 1e9;
        if (seconds >= MIN_SECONDS || bytes < lastBytes) {
            lastKbps = bytes >= lastBytes ? Math.round((bytes - lastBytes) * 8 / seconds / 1000) : 0;
            lastAt = now;
            lastBytes = bytes;
        }
        long kbps = lastKbps;

        OptionalDouble rtt = seconds(pair, "currentRoundTripTime");
        if (rtt.isEmpty()) {
            rtt = seconds(remote, "roundTripTime");
        }
        Optional<String> route = Optional.empty();
        if (pair != null && text(pair, "localCandidateId") != null) {
            RTCStats local = all.get(text(pair, "localCandidateId"));
            String type = local == null ? null : text(local, "candidateType");
            if (type != null) {
                route = Optional.of("relay".equals(type) ? "relay" : "direct");
            }
        }
        double estimate = decimal(pair, "availableOutgoingBitrate");
        String limitation = text(out, "qualityLimitationReason");
        latest = new StreamStats(now, bytes, kbps,
                estimate > 0 ? OptionalLong.of(Math.round(estimate / 1000)) : OptionalLong.empty(),
                (int) whole(out, "frameWidth"), (int) whole(out, "frameHeight"), decimal(out, "framesPerSecond"),
                limitation == null ? "" : limitation, whole(out, "nackCount"), whole(out, "pliCount"),
                Math.max(0, whole(remote, "packetsLost")), rtt, route);
        return latest;
    }

    private static boolean video(RTCStats s) {
        Object kind = s.getAttributes().get("kind");
        return kind == null ? "video".equals(s.getAttributes().get("mediaType")) : "video".equals(kind);
    }

    private static String text(RTCStats s, String name) {
        Object value = s == null ? null : s.getAttributes().get(name);
        return value == null ? null : value.toString();
    }

    private static long whole(RTCStats s, String name) {
        Object value = s == null ? null : s.getAttributes().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static double decimal(RTCStats s, String name) {
        Object value = s == null ? null : s.getAttributes().get(name);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static OptionalDouble seconds(RTCStats s, String name) {
        Object value = s == null ? null : s.getAttributes().get(name);
        return value instanceof Number n ? OptionalDouble.of(n.doubleValue() * 1000) : OptionalDouble.empty();
    }
}
