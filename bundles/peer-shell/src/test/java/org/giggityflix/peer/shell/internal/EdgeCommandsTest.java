package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code EdgeCommandsTest} is responsible for proving that {@code peer:edge-status} shows the link and that
 * {@code peer:edge-reconnect} and {@code peer:edge-disconnect} reach it.
 */
class EdgeCommandsTest {

    /** A link that follows the calls it gets, as the real one does. */
    private static final class RecordingLink implements EdgeLink {
        EdgeState state = EdgeState.GAVE_UP;
        int reconnects;
        int disconnects;

        @Override
        public EdgeStatus status() {
            return new EdgeStatus(state, "edge.example:50051", Fakes.T0, Optional.empty(), 0,
                    new EdgeCounters(0, 0, 0, 0, 0));
        }

        @Override
        public void reconnect() {
            reconnects++;
            state = EdgeState.CONNECTING;
        }

        @Override
        public void disconnect() {
            disconnects++;
            state = EdgeState.DISCONNECTED;
        }
    }

    private final RecordingLink link = new RecordingLink();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:10:00Z"), ZoneOffset.UTC);

    @Test
    void statusChangesNothing() {
        EdgeStatusCommand c = new EdgeStatusCommand();
        c.edge = link;
        c.clock = CLOCK;
        String out = Fakes.output(c::run);
        assertTrue(out.contains("Edge: gave_up edge.example:50051"), out);
        assertEquals(0, link.reconnects + link.disconnects);
    }

    @Test
    void reconnectDialsAgainAfterGivingUp() {
        EdgeReconnectCommand c = new EdgeReconnectCommand();
        c.edge = link;
        c.clock = CLOCK;
        String out = Fakes.output(c::run);
        assertEquals(1, link.reconnects);
        assertTrue(out.contains("Edge: connecting edge.example:50051"), out);
    }

    @Test
    void disconnectClosesTheLink() {
        EdgeDisconnectCommand c = new EdgeDisconnectCommand();
        c.edge = link;
        c.clock = CLOCK;
        String out = Fakes.output(c::run);
        assertEquals(1, link.disconnects);
        assertTrue(out.contains("Edge: disconnected"), out);
        assertTrue(out.contains("until peer:edge-reconnect"), out);
    }

    @Test
    void withoutTheEdgeBundleEachCommandSaysHowToGetIt() {
        assertTrue(Fakes.failure(new EdgeStatusCommand()::run).contains("feature:install peer-edge"));
        assertTrue(Fakes.failure(new EdgeReconnectCommand()::run).contains("feature:install peer-edge"));
        assertTrue(Fakes.failure(new EdgeDisconnectCommand()::run).contains("feature:install peer-edge"));
    }
}
