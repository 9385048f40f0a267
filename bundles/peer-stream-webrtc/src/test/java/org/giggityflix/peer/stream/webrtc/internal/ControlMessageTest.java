package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Proves the data channel vocabulary: what the viewer may send is understood, anything else is ignored. */
class ControlMessageTest {

    @Test
    void understandsPlayPauseSeekStop() {
        assertEquals(ControlMessage.Type.PLAY, ControlMessage.parse("{\"type\":\"play\"}").orElseThrow().type());
        assertEquals(ControlMessage.Type.PAUSE, ControlMessage.parse("{\"type\": \"pause\"}").orElseThrow().type());
        assertEquals(ControlMessage.Type.STOP, ControlMessage.parse("{\"type\":\"STOP\"}").orElseThrow().type());
        ControlMessage seek = ControlMessage.parse("{\"type\":\"seek\",\"position\":12.5}").orElseThrow();
        assertEquals(12.5, seek.position());
        assertEquals(0, ControlMessage.parse("{\"type\":\"seek\",\"position\":-3}").orElseThrow().position());
    }

    @Test
    void ignoresWhatIsNotAMessage() {
        for (String bad : List.of("", "play", "{\"type\":\"rewind\"}", "{\"type\":\"seek\"}",
                "{\"position\":3}", "{\"type\":\"play\"" + " ".repeat(2000) + "}")) {
            assertTrue(ControlMessage.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void statusReportsPositionAndSize() {
        String status = ControlMessage.status(1.5, 6, false, false, 640, 360, 2500, 1);
        assertTrue(status.contains("\"position\":1.500"), status);
        assertTrue(status.contains("\"width\":640") && status.contains("\"height\":360"), status);
    }
}
