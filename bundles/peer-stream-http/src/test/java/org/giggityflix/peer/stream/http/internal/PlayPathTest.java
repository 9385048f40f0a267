package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code PlayPathTest} is responsible for the table of what the player asks a browser before direct play: for each
 * container and codecs the catalog records, the media type with codecs (or no candidate, and the reason the page
 * shows when it goes straight to WebRTC).
 */
class PlayPathTest {

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} / {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // container | video | profile | bits | audio | asked type | label
        "mp4 | h264 | - | - | aac | video/mp4; codecs=\"avc1.640028, mp4a.40.2\" | H.264 and AAC in MP4",
        "mp4 | h264 | Baseline | 8 | aac | video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\" | H.264 and AAC in MP4",
        "mp4 | h264 | High 10 | 10 | aac | video/mp4; codecs=\"avc1.6E0028, mp4a.40.2\" | H.264 High 10 and AAC in MP4",
        "mov | h264 | - | - | aac | video/mp4; codecs=\"avc1.640028, mp4a.40.2\" | H.264 and AAC in QuickTime",
        "mp4 | hevc | - | - | aac | video/mp4; codecs=\"hvc1.1.6.L93.B0, mp4a.40.2\" | HEVC and AAC in MP4",
        "matroska | hevc | Main 10 | 10 | eac3 | video/x-matroska; codecs=\"hvc1.2.4.L93.B0, ec-3\" | HEVC Main 10 and E-AC-3 in Matroska",
        "webm | vp9 | - | - | opus | video/webm; codecs=\"vp09.00.10.08, opus\" | VP9 and Opus in WebM",
        "webm | vp9 | Profile 2 | 10 | opus | video/webm; codecs=\"vp09.02.10.10, opus\" | VP9 10-bit and Opus in WebM",
        "webm | vp8 | - | - | vorbis | video/webm; codecs=\"vp8, vorbis\" | VP8 and Vorbis in WebM",
        "mp4 | av1 | - | - | - | video/mp4; codecs=\"av01.0.05M.08\" | AV1 in MP4",
        "matroska | h264 | - | - | ac3 | video/x-matroska; codecs=\"avc1.640028, ac-3\" | H.264 and AC-3 in Matroska",
        "mp4 | - | - | - | mp3 | video/mp4; codecs=\"mp4a.6B\" | MP3 in MP4",
    })
    void aContainerAndCodecsABrowserMayPlayGiveTheTypeToAskItAbout(String container, String video, String profile,
                                                                  Integer bits, String audio, String type,
                                                                  String label) {
        PlayPath.Decision d = PlayPath.decide(container, video, profile, bits, audio);
        assertTrue(d.candidate().isPresent(), d.reason());
        assertEquals(type, d.candidate().get().type());
        assertEquals(label, d.candidate().get().label());
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "avi | mpeg4 | mp3 | browsers do not play AVI files",
        "mpegts | h264 | aac | browsers do not play MPEG-TS files",
        "asf | wmv3 | wmav2 | browsers do not play WMV files",
        "- | h264 | aac | the catalog knows no container of this file",
        "matroska | mpeg4 | aac | browsers do not play MPEG-4 Part 2 (Xvid/DivX) video",
        "matroska | h264 | dts | browsers do not play DTS audio",
        "mp4 | - | - | the catalog knows no codec of this file",
    })
    void whatNoBrowserPlaysGoesStraightToWebRtcWithTheReason(String container, String video, String audio,
                                                             String reason) {
        PlayPath.Decision d = PlayPath.decide(container, video, null, null, audio);
        assertTrue(d.candidate().isEmpty());
        assertEquals(reason, d.reason());
    }

    @Test
    void theVideoAndTheAudioAloneAreAskedToo() {
        PlayPath.Candidate c = PlayPath.decide("mp4", "hevc", null, null, "aac").candidate().get();
        assertEquals("video/mp4; codecs=\"hvc1.1.6.L93.B0\"", c.videoType());
        assertEquals("video/mp4; codecs=\"mp4a.40.2\"", c.audioType());
        assertEquals("HEVC", c.video());
        assertEquals("AAC", c.audio());
    }
}
