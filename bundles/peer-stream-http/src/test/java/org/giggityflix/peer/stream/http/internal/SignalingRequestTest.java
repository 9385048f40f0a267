package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code SignalingRequestTest} is responsible for proving that what the player page asks for when it opens a WebRTC
 * session reaches the transport: the file, the bitrate and codec wishes, and the audio track the viewer chose in
 * the page's menu (an index, a language, or nothing for the file's default).
 */
class SignalingRequestTest {

    private static SessionRequest open(Map<String, String> parameters) {
        return SignalingServlet.sessionRequest(parameters::get);
    }

    @Test
    void theAudioTrackChosenInThePageReachesTheTransport() {
        assertEquals(TrackChoice.index(2), open(Map.of("luid", "7", "audio", "2")).audioTrack());
        assertEquals(TrackChoice.language("fra"), open(Map.of("luid", "7", "audio", "fra")).audioTrack());
    }

    @Test
    void withoutAnAudioWishTheFilesDefaultTrackPlays() {
        SessionRequest request = open(Map.of("luid", "7"));
        assertEquals(7, request.luid());
        assertEquals(TrackChoice.DEFAULT, request.audioTrack());
        assertEquals(TrackChoice.DEFAULT, open(Map.of("luid", "7", "audio", " ")).audioTrack());
    }

    @Test
    void bitrateAndCodecWishesAreKept() {
        SessionRequest request = open(Map.of("luid", "3", "kbps", "1500", "codec", "H264"));
        assertEquals(OptionalInt.of(1500), request.maxBitrateKbps());
        assertEquals(Optional.of("H264"), request.preferredCodec());
    }

    @Test
    void aFileIdThatIsNotANumberIsRefused() {
        assertThrows(NumberFormatException.class, () -> open(Map.of("luid", "x")));
        assertThrows(NumberFormatException.class, () -> open(Map.of("audio", "2")));
    }
}
