package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

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
    void readsNumbersAsJsonDoes() {
        // 1e3 seconds is a thousand seconds (it was read as 1 s)
        assertEquals(1000.0, ControlMessage.parse("{\"type\":\"seek\",\"position\":1e3}").orElseThrow().position());
        assertEquals(12.5, ControlMessage.parse("{\"type\":\"seek\",\"position\":1.25E1}").orElseThrow().position());
        // a position past any file is the end (the pump clamps it), not an ignored message
        assertTrue(ControlMessage.parse("{\"type\":\"seek\",\"position\":123456789012345678901234567890}")
                .orElseThrow().position() > 1e20);
        // what JSON does not allow is no message: 01, 1., .5, a position given as text
        for (String bad : List.of("{\"type\":\"seek\",\"position\":01}", "{\"type\":\"seek\",\"position\":1.}",
                "{\"type\":\"seek\",\"position\":.5}", "{\"type\":\"seek\",\"position\":\"12\"}",
                "{\"type\":\"audio\",\"track\":01}", "{\"type\":\"audio\",\"track\":2.}",
                "{\"type\":\"audio\",\"track\":1.5}", "{\"type\":\"audio\",\"track\":-1}",
                "{\"type\":\"play\"} {\"type\":\"stop\"}", "[{\"type\":\"play\"}]")) {
            assertTrue(ControlMessage.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void aLargeTrackNumberIsReadSoItsSwitchIsRefusedWithTheTracksThereAre() {
        // six digits and more were ignored silently; now they reach the session, which answers "no such track"
        ControlMessage audio = ControlMessage.parse("{\"type\":\"audio\",\"track\":1234567}").orElseThrow();
        assertEquals(ControlMessage.Type.AUDIO, audio.type());
        assertFalse(audio.track().isDefault());
        ControlMessage huge = ControlMessage.parse("{\"type\":\"subtitles\",\"track\":99999999999999999999}")
                .orElseThrow();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> huge.subtitles()
                .pick(List.of(), Optional.of("eng"), "film.mkv"));
        assertTrue(refused.getMessage().contains("99999999999999999999")
                && refused.getMessage().contains("no subtitle streams"), refused.getMessage());
        assertEquals(2, ControlMessage.parse("{\"type\":\"audio\",\"track\":2}").orElseThrow().track()
                .streamIndex().getAsInt());
        assertEquals(2, ControlMessage.parse("{\"type\":\"audio\",\"track\":\"2\"}").orElseThrow().track()
                .streamIndex().getAsInt());
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
