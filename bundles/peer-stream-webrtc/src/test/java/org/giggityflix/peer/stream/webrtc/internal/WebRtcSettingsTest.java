package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Proves settings come out checked: comma lists split, TURN credentials kept, out-of-range numbers clamped. */
class WebRtcSettingsTest {

    @Test
    void stunAndTurnBecomeIceServers() {
        WebRtcSettings s = WebRtcSettings.from(config(" stun:a:1, ,stun:b:2", "turn:t:3478", "user", "pw", 99999999, 0, 1));
        assertEquals(2, s.iceServers().size());
        assertEquals(List.of("stun:a:1", "stun:b:2"), s.iceServers().get(0).urls());
        assertEquals(Optional.of("user"), s.iceServers().get(1).username());
        assertEquals(Optional.of("pw"), s.iceServers().get(1).credential());
        assertEquals(100_000, s.maxBandwidthKbps());
        assertEquals(1, s.maxSessions());
        assertEquals(2, s.answerTimeoutSec());
    }

    @Test
    void noServersConfiguredMeansHostCandidatesOnly() {
        assertEquals(List.of(), WebRtcSettings.from(config("", "", "", "", 5000, 3, 30)).iceServers());
    }

    @Test
    void theDegradationPreferenceIsReadAndAWrongOneIsBalanced() {
        assertEquals(Degradation.BALANCED, WebRtcSettings.from(config("", "", "", "", 5000, 3, 30)).degradation());
        assertEquals(Degradation.MAINTAIN_FRAMERATE,
                WebRtcSettings.from(config("", "", "", "", 5000, 3, 30, " Maintain_Framerate ")).degradation());
        assertEquals(Degradation.MAINTAIN_RESOLUTION,
                WebRtcSettings.from(config("", "", "", "", 5000, 3, 30, "maintain-resolution")).degradation());
        assertEquals(Degradation.BALANCED,
                WebRtcSettings.from(config("", "", "", "", 5000, 3, 30, "sport")).degradation());
    }

    static WebRtcConfig config(String stun, String turn, String user, String password, int kbps, int sessions,
                               int timeout) {
        return config(stun, turn, user, password, kbps, sessions, timeout, "balanced");
    }

    static WebRtcConfig config(String stun, String turn, String user, String password, int kbps, int sessions,
                               int timeout, String degradation) {
        return new WebRtcConfig() {
            public Class<? extends Annotation> annotationType() {
                return WebRtcConfig.class;
            }
            public String stunServers() {
                return stun;
            }
            public String turnServers() {
                return turn;
            }
            public String turnUsername() {
                return user;
            }
            public String turnPassword() {
                return password;
            }
            public int maxBandwidthKbps() {
                return kbps;
            }
            public int maxSessions() {
                return sessions;
            }
            public int answerTimeoutSec() {
                return timeout;
            }

            @Override
            public String preferredAudioLanguage() {
                return "";
            }

            @Override
            public String degradationPreference() {
                return degradation;
            }

            @Override
            public boolean turnTlsTrustSelfSigned() {
                return false;
            }
        };
    }
}
