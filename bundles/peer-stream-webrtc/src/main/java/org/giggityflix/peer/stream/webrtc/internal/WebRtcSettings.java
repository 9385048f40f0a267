package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.stream.IceServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WebRtcSettings} is responsible for turning {@link WebRtcConfig} into checked values: out-of-range numbers
 * are logged and replaced by the nearest valid one, comma lists are split and trimmed.
 *
 * @param iceServers       STUN and TURN servers sessions use unless a request brings its own
 * @param maxBandwidthKbps the video bitrate ceiling
 * @param maxSessions      sessions at once
 * @param answerTimeoutSec seconds a new session may take to get answered and connected
 * @param preferredAudioLanguage the audio language heard when the file flags no default track and the viewer asks
 *                               for none
 * @param degradation      what a stream gives up first on a link too narrow for it
 * @param turnTlsTrustSelfSigned a {@code turns:} relay's certificate is not checked (the owner's own self-signed one)
 */
record WebRtcSettings(List<IceServer> iceServers, int maxBandwidthKbps, int maxSessions, int answerTimeoutSec,
                      Optional<String> preferredAudioLanguage, Degradation degradation,
                      boolean turnTlsTrustSelfSigned) {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcSettings.class);

    WebRtcSettings {
        iceServers = List.copyOf(iceServers);
    }

    /** Settings without a preferred audio language, balanced degradation. */
    WebRtcSettings(List<IceServer> iceServers, int maxBandwidthKbps, int maxSessions, int answerTimeoutSec) {
        this(iceServers, maxBandwidthKbps, maxSessions, answerTimeoutSec, Optional.empty(), Degradation.BALANCED,
                false);
    }

    /** These settings with {@code preference} as the degradation preference. */
    WebRtcSettings with(Degradation preference) {
        return new WebRtcSettings(iceServers, maxBandwidthKbps, maxSessions, answerTimeoutSec, preferredAudioLanguage,
                preference, turnTlsTrustSelfSigned);
    }

    /** These settings with a {@code turns:} relay's certificate trusted or not. */
    WebRtcSettings trustingSelfSignedTurn(boolean trust) {
        return new WebRtcSettings(iceServers, maxBandwidthKbps, maxSessions, answerTimeoutSec, preferredAudioLanguage,
                degradation, trust);
    }

    static WebRtcSettings from(WebRtcConfig config) {
        List<IceServer> servers = new ArrayList<>();
        List<String> stun = list(config.stunServers());
        if (!stun.isEmpty()) {
            servers.add(new IceServer(stun, Optional.empty(), Optional.empty()));
        }
        List<String> turn = list(config.turnServers());
        if (!turn.isEmpty()) {
            servers.add(new IceServer(turn, text(config.turnUsername()), text(config.turnPassword())));
        }
        return new WebRtcSettings(servers,
                bounded("maxBandwidthKbps", config.maxBandwidthKbps(), 100, 100_000),
                bounded("maxSessions", config.maxSessions(), 1, 64),
                bounded("answerTimeoutSec", config.answerTimeoutSec(), 2, 600),
                text(config.preferredAudioLanguage()),
                degradation(config.degradationPreference()),
                config.turnTlsTrustSelfSigned());
    }

    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Degradation degradation(String value) {
        return Degradation.parse(value).orElseGet(() -> {
            LOG.warn("degradationPreference={} is not one of balanced, maintain-framerate, maintain-resolution; "
                    + "using balanced", value);
            return Degradation.BALANCED;
        });
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int bounded(String name, int value, int min, int max) {
        int result = Math.max(min, Math.min(max, value));
        if (result != value) {
            LOG.warn("{}={} is out of range {}..{}; using {}", name, value, min, max, result);
        }
        return result;
    }
}
