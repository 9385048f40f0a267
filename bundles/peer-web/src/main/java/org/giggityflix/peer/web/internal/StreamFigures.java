package org.giggityflix.peer.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamStats;

/**
 * {@code StreamFigures} is responsible for what streaming sessions send, as the API's JSON ({@code stats} of a
 * session in {@code /api/v1/streams}) and as Prometheus samples in {@code /metrics}, one family per figure with the
 * labels {@code transport} and {@code session}.
 */
final class StreamFigures {

    private StreamFigures() {
    }

    /** A session's statistics as a JSON object, or null when its transport does not measure them (yet). */
    static Map<String, Object> json(Optional<StreamStats> measured) {
        if (measured.isEmpty()) {
            return null;
        }
        StreamStats s = measured.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sampled", s.sampled());
        out.put("bytesSent", s.bytesSent());
        out.put("bitrateSentKbps", s.bitrateSentKbps());
        out.put("availableOutgoingKbps", s.availableOutgoingKbps().isPresent() ? s.availableOutgoingKbps().getAsLong()
                : null);
        out.put("frameWidth", s.frameWidth());
        out.put("frameHeight", s.frameHeight());
        out.put("framesPerSecond", s.framesPerSecond());
        out.put("qualityLimitation", s.qualityLimitation());
        out.put("nacks", s.nacks());
        out.put("plis", s.plis());
        out.put("packetsLost", s.packetsLost());
        out.put("roundTripMs", s.roundTripMs().isPresent() ? s.roundTripMs().getAsDouble() : null);
        out.put("route", s.route().orElse(null));
        return out;
    }

    /** Appends one family per figure for every measured session in {@code sessions}. */
    static void metrics(StringBuilder m, List<StreamSession> sessions) {
        List<StreamSession> measured = sessions.stream().filter(s -> s.stats().isPresent()).toList();
        family(m, measured, "stream_bitrate_sent_kbps", "gauge", "Video bitrate a session sent recently, kbit/s.",
                s -> s.bitrateSentKbps());
        family(m, measured, "stream_bytes_sent_total", "counter", "Video bytes a session has sent.",
                s -> s.bytesSent());
        family(m, measured, "stream_available_outgoing_kbps", "gauge",
                "The congestion controller's estimate of what a session's path carries, kbit/s.",
                s -> s.availableOutgoingKbps().isPresent() ? s.availableOutgoingKbps().getAsLong() : null);
        family(m, measured, "stream_frame_width", "gauge", "Width of the frames a session sends.", s -> s.frameWidth());
        family(m, measured, "stream_frame_height", "gauge", "Height of the frames a session sends.",
                s -> s.frameHeight());
        family(m, measured, "stream_frames_per_second", "gauge", "Frames a session sends per second.",
                s -> s.framesPerSecond());
        family(m, measured, "stream_quality_limited", "gauge",
                "1 while the encoder of a session holds back, labelled with why (bandwidth, cpu, other).",
                s -> s.qualityLimitation().isEmpty() || s.qualityLimitation().equals("none") ? 0 : 1);
        family(m, measured, "stream_nacks_total", "counter", "Retransmission requests (NACK) a session received.",
                s -> s.nacks());
        family(m, measured, "stream_plis_total", "counter", "Key-frame requests (PLI) a session received.",
                s -> s.plis());
        family(m, measured, "stream_packets_lost_total", "counter", "Video packets a session's viewer reported lost.",
                s -> s.packetsLost());
        family(m, measured, "stream_round_trip_seconds", "gauge", "Round-trip time to a session's viewer.",
                s -> s.roundTripMs().isPresent() ? s.roundTripMs().getAsDouble() / 1000 : null);
        family(m, measured, "stream_relayed", "gauge", "1 when a session's media goes through a TURN relay.",
                s -> s.route().map(r -> r.equals("relay") ? 1 : 0).orElse(null));
    }

    private static void family(StringBuilder m, List<StreamSession> sessions, String name, String type, String help,
                               Function<StreamStats, Number> value) {
        m.append("# HELP giggityflix_").append(name).append(' ').append(help).append('\n')
                .append("# TYPE giggityflix_").append(name).append(' ').append(type).append('\n');
        for (StreamSession session : sessions) {
            StreamStats stats = session.stats().orElseThrow();
            Number v = value.apply(stats);
            if (v == null) {
                continue;
            }
            m.append("giggityflix_").append(name).append("{transport=\"").append(label(session.transport()))
                    .append("\",session=\"").append(label(session.id())).append('"');
            if (name.equals("stream_quality_limited") && !stats.qualityLimitation().isEmpty()) {
                m.append(",reason=\"").append(label(stats.qualityLimitation())).append('"');
            }
            m.append("} ").append(v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v.toString())
                    .append('\n');
        }
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
