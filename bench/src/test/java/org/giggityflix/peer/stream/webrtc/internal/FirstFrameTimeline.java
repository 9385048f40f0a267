package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.testsupport.Browser;

/**
 * {@code FirstFrameTimeline} is responsible for showing where a session's first frame goes: from the viewer's
 * request, every 50 ms for 3 s, the sender's {@code outbound-rtp} (frames encoded and sent, key frames, bytes, the
 * target bitrate, the quality limitation) and the viewer's {@code inbound-rtp} (packets and bytes received, frames
 * received, decoded and dropped, key frames decoded), summed up in one line: when each first happened, the key
 * frame's size and the bitrate libwebrtc aimed at then.
 */
final class FirstFrameTimeline implements AutoCloseable {

    static final long INTERVAL_MS = 50;
    static final long LENGTH_MS = 3000;

    /** The page side: polls the newest viewer's receiver into {@code window.timeline}. */
    static final String PAGE_POLLER = """
            window.timeline = []; (async () => { const v = viewers[viewers.length - 1];
              while (!v.pc) await new Promise(r => setTimeout(r, 5));
              while (performance.now() - v.t0 < %d) {
                const stats = await v.pc.getStats(); const t = performance.now() - v.t0;
                stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') timeline.push([t,
                  s.packetsReceived || 0, s.bytesReceived || 0, s.framesReceived || 0, s.framesDecoded || 0,
                  s.keyFramesDecoded || 0, s.framesDropped || 0, s.frameWidth || 0]); });
                await new Promise(r => setTimeout(r, %d)); } })();
            """.formatted(LENGTH_MS, INTERVAL_MS);

    private final WebRtcSessions sessions;
    private final long startNanos = System.nanoTime();
    private final List<Object[]> sender = new ArrayList<>();
    private final Thread poller;

    /** Starts the sender's side; call right before the page's {@code viewer(...)} and {@link #PAGE_POLLER}. */
    FirstFrameTimeline(WebRtcSessions sessions) {
        this.sessions = sessions;
        this.poller = new Thread(this::pollSender, "first-frame-timeline");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollSender() {
        while (ms() < LENGTH_MS) {
            Optional<RtcSession> s = sessions.sessions().stream().findFirst()
                    .flatMap(d -> sessions.session(d.id()));
            if (s.isPresent()) {
                Map<String, Object> st;
                try {
                    st = s.get().senderStats();
                } catch (RuntimeException e) {
                    st = Map.of(); // the connection is being built
                }
                if (!st.isEmpty()) {
                    synchronized (sender) {
                        sender.add(new Object[] {ms(), num(st, "framesEncoded"), num(st, "keyFramesEncoded"),
                                num(st, "framesSent"), num(st, "bytesSent"), num(st, "targetBitrate"),
                                num(st, "totalPacketSendDelay"), num(st, "packetsSent"),
                                String.valueOf(st.getOrDefault("qualityLimitationReason", "?")),
                                num(st, "frameWidth")});
                    }
                }
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One line: when each step first happened (ms from the request), and what the sender aimed at then. */
    String summary(Browser browser, double firstFrameMs) throws InterruptedException {
        poller.join(LENGTH_MS + 3000);
        List<Object[]> rows;
        synchronized (sender) {
            rows = List.copyOf(sender);
        }
        Object page = browser.execute("return window.timeline || []");
        List<?> viewer = page instanceof List<?> l ? l : List.of();
        Object[] enc = first(rows, 1);
        Object[] sent = first(rows, 3);
        List<?> rxPacket = firstRow(viewer, 1);
        List<?> rxFrame = firstRow(viewer, 3);
        List<?> decoded = firstRow(viewer, 4);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "  timeline (ms from request, sampled every %d ms): encoded %s, sent %s, first packet in %s,"
                        + " first frame complete %s, decoded %s, shown %.0f", INTERVAL_MS, at(enc), at(sent),
                at(rxPacket), at(rxFrame), at(decoded), firstFrameMs));
        if (enc != null) {
            line.append(String.format(Locale.ROOT, "; at the first encoded frame: target %.0f kbit/s, limited by %s,"
                    + " %.0f frames sent, %.0f bytes", (double) enc[5] / 1000, enc[8], (double) enc[3],
                    (double) enc[4]));
        }
        if (rxFrame != null) {
            line.append(String.format(Locale.ROOT, "; when the first frame was complete: %.0f packets, %.0f bytes"
                    + " received", d(rxFrame.get(1)), d(rxFrame.get(2))));
        }
        Object[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (last != null) {
            line.append(String.format(Locale.ROOT, "; at %.0f ms: %.0f frames encoded (%.0f key), %.0f sent,"
                            + " %.0f bytes, target %.0f kbit/s, %s, %.0f wide, send delay %.3f s over %.0f packets",
                    (double) (long) last[0], (double) last[1], (double) last[2], (double) last[3], (double) last[4],
                    (double) last[5] / 1000, last[8], (double) last[9], (double) last[6], (double) last[7]));
        }
        if (!viewer.isEmpty() && viewer.get(viewer.size() - 1) instanceof List<?> v) {
            line.append(String.format(Locale.ROOT, "; viewer: %.0f decoded (%.0f key), %.0f dropped",
                    d(v.get(4)), d(v.get(5)), d(v.get(6))));
        }
        return line.toString();
    }

    private long ms() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Object[] first(List<Object[]> rows, int column) {
        return rows.stream().filter(r -> (double) r[column] > 0).findFirst().orElse(null);
    }

    private static List<?> firstRow(List<?> rows, int column) {
        for (Object r : rows) {
            if (r instanceof List<?> l && d(l.get(column)) > 0) {
                return l;
            }
        }
        return null;
    }

    private static String at(Object[] row) {
        return row == null ? "-" : String.valueOf(row[0]);
    }

    private static String at(List<?> row) {
        return row == null ? "-" : String.format(Locale.ROOT, "%.0f", d(row.get(0)));
    }

    private static double d(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static double num(Map<String, Object> stats, String key) {
        return stats.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public void close() {
        poller.interrupt();
    }
}
