package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code StartBitrateTest} checks the start bitrate chosen per picture and how it is written into an answer. */
class StartBitrateTest {

    /** The shape of headless Chromium 156's answer to the peer's offer: audio, video (VP8 + its rtx), data. */
    private static final String ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1 2",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=mid:0",
            "a=recvonly",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103",
            "c=IN IP4 0.0.0.0",
            "a=mid:1",
            "a=recvonly",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:103 rtx/90000",
            "a=fmtp:103 apt=102",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=mid:2",
            "");

    @Test
    void everyVideoCodecOfTheAnswerStartsThereAndNothingElseChanges() {
        String out = StartBitrate.into(ANSWER, 1500);

        List<String> lines = List.of(out.split("\r\n", -1));
        assertEquals("a=fmtp:96 x-google-start-bitrate=1500", lines.get(lines.indexOf("a=rtpmap:96 VP8/90000") + 1),
                "VP8 had no fmtp line: one follows its rtpmap");
        assertTrue(lines.contains("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"
                + ";x-google-start-bitrate=1500"), "H.264 keeps its parameters: " + out);
        assertTrue(lines.contains("a=fmtp:97 apt=96") && lines.contains("a=fmtp:103 apt=102"),
                "retransmission formats are left alone: " + out);
        assertTrue(lines.contains("a=fmtp:111 minptime=10;useinbandfec=1"), "audio is left alone: " + out);
        assertEquals(ANSWER.length() + "a=fmtp:96 x-google-start-bitrate=1500\r\n".length()
                + ";x-google-start-bitrate=1500".length(), out.length(), "nothing else added or lost: " + out);
        assertTrue(out.endsWith("a=mid:2\r\n"), out);
    }

    @Test
    void aStartAlreadyThereIsReplacedNotRepeated() {
        String twice = StartBitrate.into(StartBitrate.into(ANSWER, 800), 1500);

        assertEquals(StartBitrate.into(ANSWER, 1500), twice);
    }

    @Test
    void newlineOnlyAnswersAndAnswersWithoutVideoWork() {
        String lf = ANSWER.replace("\r\n", "\n");
        assertTrue(StartBitrate.into(lf, 1500).contains("\na=rtpmap:96 VP8/90000\na=fmtp:96 x-google-start-bitrate=1500\n"));

        String audioOnly = ANSWER.substring(0, ANSWER.indexOf("m=video"));
        assertEquals(audioOnly, StartBitrate.into(audioOnly, 1500));
        assertEquals(ANSWER, StartBitrate.into(ANSWER, 0), "0 leaves libwebrtc's own start");
    }

    @Test
    void onlyPicturesAbove720pStartHigherAndNeverAboveTheCap() {
        assertEquals(StartBitrate.LARGE_PICTURE_START_KBPS, StartBitrate.forPicture(1920, 1080, 5000));
        assertEquals(StartBitrate.LARGE_PICTURE_START_KBPS, StartBitrate.forPicture(1080, 1920, 5000), "portrait");
        assertEquals(600, StartBitrate.forPicture(1920, 1080, 600), "the session's cap wins");
        assertEquals(0, StartBitrate.forPicture(1280, 720, 5000), "720p keeps libwebrtc's start");
        assertEquals(0, StartBitrate.forPicture(640, 360, 5000));
    }

    @Test
    void theBenchmarksSwitchTurnsItOffOrSetsTheStart() {
        try {
            System.setProperty(StartBitrate.PROPERTY, "false");
            assertEquals(0, StartBitrate.forPicture(1920, 1080, 5000));
            System.setProperty(StartBitrate.PROPERTY, "2500");
            assertEquals(2500, StartBitrate.forPicture(1920, 1080, 5000));
            assertEquals(0, StartBitrate.forPicture(1280, 720, 5000));
        } finally {
            System.clearProperty(StartBitrate.PROPERTY);
        }
    }
}
