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
 * {@code EdgeCommandTest} is responsible for proving that {@code peer:edge} shows the link and that reconnect and
 * disconnect reach it.
 */
class EdgeCommandTest {

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

    private String run(String action) {
        return Fakes.output(command(action)::run);
    }

    private EdgeCommand command(String action) {
        EdgeCommand c = new EdgeCommand();
        c.edge = link;
        c.clock = Clock.fixed(Instant.parse("2026-11-25T10:10:00Z"), ZoneOffset.UTC);
        if (action != null) {
            c.action = action;
        }
        return c;
    }

    @Test
    void statusIsTheDefaultAndChangesNothing() {
        String out = run(null);
        assertTrue(out.contains("Edge: gave_up edge.example:50051"), out);
        assertEquals(0, link.reconnects + link.disconnects);
    }

    @Test
    void reconnectDialsAgainAfterGivingUp() {
        String out = run("reconnect");
        assertEquals(1, link.reconnects);
        assertTrue(out.contains("Edge: connecting edge.example:50051"), out);
    }

    @Test
    void disconnectClosesTheLink() {
        String out = run("disconnect");
        assertEquals(1, link.disconnects);
        assertTrue(out.contains("Edge: disconnected"), out);
    }

    @Test
    void unknownActionIsExplainedAndChangesNothing() {
        String out = Fakes.failure(command("explode")::run);
        assertTrue(out.contains("Unknown action 'explode'"), out);
        assertEquals(0, link.reconnects + link.disconnects);
    }

    @Test
    void withoutTheEdgeBundleTheCommandSaysHowToGetIt() {
        EdgeCommand c = new EdgeCommand();
        assertTrue(Fakes.failure(c::run).contains("feature:install peer-edge"));
    }
}
