package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamStats;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.junit.jupiter.api.Test;

/**
 * {@code StreamCommandsTest} is responsible for proving that {@code peer:stream-list} lists the sessions of
 * every transport and that {@code peer:stream-stop} reaches the one running the session.
 */
class StreamCommandsTest {

    /** A transport holding sessions in a list, as the real ones do in a map. */
    private static final class ListTransport implements StreamingTransport {
        final String name;
        final List<StreamSession> running = new ArrayList<>();

        ListTransport(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<StreamSession> sessions() {
            return List.copyOf(running);
        }

        @Override
        public boolean stop(String sessionId) {
            return running.removeIf(s -> s.id().equals(sessionId));
        }
    }

    private final ListTransport webrtc = new ListTransport("webrtc");
    private final ListTransport http = new ListTransport("http");

    private String list() {
        StreamListCommand c = new StreamListCommand();
        c.transports = List.of(webrtc, http);
        c.clock = Clock.fixed(Instant.parse("2026-11-25T10:10:00Z"), ZoneOffset.UTC);
        return Fakes.output(c::run);
    }

    private StreamStopCommand stop(String session) {
        StreamStopCommand c = new StreamStopCommand();
        c.transports = List.of(webrtc, http);
        c.session = session;
        return c;
    }

    @Test
    void listShowsEverySessionOfEveryTransport() {
        webrtc.running.add(new StreamSession("s-1", "webrtc", 7, Instant.parse("2026-11-25T10:08:30Z"),
                "CONNECTED 1280x720 VP8 12.0/60.0s"));
        http.running.add(new StreamSession("h-1", "http", 9, Instant.parse("2026-11-25T10:09:50Z"), "serving"));
        String out = list();
        assertTrue(out.contains("s-1") && out.contains("CONNECTED 1280x720") && out.contains("1m 30s"), out);
        assertTrue(out.contains("h-1") && out.contains("http"), out);
    }

    @Test
    void listShowsWhatAMeasuredSessionSends() {
        StreamStats stats = new StreamStats(Instant.parse("2026-11-25T10:09:59Z"), 9_000_000, 2400,
                OptionalLong.of(3100), 1280, 720, 29.5, "bandwidth", 7, 2, 12, OptionalDouble.of(42.4),
                Optional.of("relay"));
        webrtc.running.add(new StreamSession("s-1", "webrtc", 7, Instant.parse("2026-11-25T10:08:30Z"),
                "CONNECTED", Optional.of(stats)));
        http.running.add(new StreamSession("h-1", "http", 9, Instant.parse("2026-11-25T10:09:50Z"), "serving"));

        String out = list();

        assertTrue(out.contains("1280x720 29.5 fps, 2400 kbit/s (estimate 3100), limited by bandwidth, RTT 42 ms,"
                + " NACK 7 PLI 2 lost 12, relay"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("h-1") && l.trim().endsWith("-")), "unmeasured: " + out);
    }

    @Test
    void emptyListNamesTheTransports() {
        assertTrue(list().contains("No sessions running (transports: webrtc, http)"));
    }

    @Test
    void stopEndsTheSessionInItsTransport() {
        webrtc.running.add(new StreamSession("s-1", "webrtc", 7, Instant.parse("2026-11-25T10:08:30Z"), "CONNECTED"));
        String out = Fakes.output(stop("s-1")::run);
        assertTrue(out.contains("Stopped session s-1 (webrtc)"), out);
        assertEquals(0, webrtc.running.size());
        assertTrue(Fakes.failure(stop("s-1")::run).contains("No session s-1 runs now"));
        assertTrue(Fakes.failure(stop(null)::run).contains("Which session?"));
    }

    @Test
    void sessionCompleterOffersTheRunningSessions() {
        webrtc.running.add(new StreamSession("s-1", "webrtc", 7, Instant.parse("2026-11-25T10:08:30Z"), "CONNECTED"));
        http.running.add(new StreamSession("h-1", "http", 9, Instant.parse("2026-11-25T10:09:50Z"), "serving"));
        SessionCompleter completer = new SessionCompleter();
        completer.transports = List.of(webrtc, http);
        assertEquals(List.of("s-1", "h-1"), completer.values());
    }

    @Test
    void withoutTransportsTheCommandSaysHowToGetOne() {
        assertTrue(Fakes.failure(new StreamListCommand()::run).contains("feature:install peer-stream-webrtc"));
        assertTrue(Fakes.failure(new StreamStopCommand()::run).contains("feature:install peer-stream-webrtc"));
    }
}
