package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.giggityflix.peer.api.media.SubtitleCue;
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
    void understandsSubtitleChoices() {
        ControlMessage three = ControlMessage.parse("{\"type\":\"subtitles\",\"track\":3}").orElseThrow();
        assertEquals(ControlMessage.Type.SUBTITLES, three.type());
        assertEquals(3, three.subtitles().choice().streamIndex().getAsInt());
        assertEquals(SubtitleChoice.OFF, ControlMessage.parse("{\"type\":\"subtitles\",\"track\":\"off\"}")
                .orElseThrow().subtitles());
        assertEquals(SubtitleChoice.OFF, ControlMessage.parse("{\"type\":\"subtitles\",\"track\":null}")
                .orElseThrow().subtitles());
        assertEquals(SubtitleChoice.AUTO, ControlMessage.parse("{\"type\":\"subtitles\",\"track\":\"auto\"}")
                .orElseThrow().subtitles());
        assertEquals("fre", ControlMessage.parse("{\"type\":\"subtitles\",\"track\":\"fre\"}").orElseThrow()
                .subtitles().choice().language().orElseThrow());
        assertTrue(ControlMessage.parse("{\"type\":\"subtitles\"}").isEmpty());
        assertTrue(ControlMessage.parse("{\"type\":\"subtitles\",\"track\":\"<script>\"}").isEmpty());
    }

    @Test
    void cuesAndRefusalsAreJsonWhateverTheirText() {
        String cue = ControlMessage.cue(3, new SubtitleCue(2, 5.5, "He said \"100%\"\\\nthen\u0001 left"));
        assertEquals("{\"type\":\"cue\",\"track\":3,\"start\":2.000,\"end\":5.500,"
                + "\"text\":\"He said \\\"100%\\\"\\\\\\nthen\\u0001 left\"}", cue);
        assertEquals("{\"type\":\"refused\",\"about\":\"subtitles\",\"reason\":\"no \\\"x\\\"\"}",
                ControlMessage.refused(ControlMessage.ABOUT_SUBTITLES, "no \"x\""));
        assertEquals("{\"type\":\"subtitles\",\"track\":-1,\"mode\":\"off\"}", ControlMessage.subtitles(-1, "off"));
    }

    @Test
    void statusReportsPositionAndSize() {
        String status = ControlMessage.status(1.5, 6, false, false, 640, 360, 2500, 1);
        assertTrue(status.contains("\"position\":1.500"), status);
        assertTrue(status.contains("\"width\":640") && status.contains("\"height\":360"), status);
    }
}
