package org.giggityflix.peer.stream.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * {@code WebRtcConfig} is responsible for describing the WebRTC transport's settings (PID
 * {@code org.giggityflix.peer.webrtc}) to ConfigAdmin, the console and the web UI.
 */
@ObjectClassDefinition(name = "Giggityflix WebRTC streaming",
        description = "Streams files to browsers over WebRTC (signaled through the Edge or the peer's own page)")
@interface WebRtcConfig {

    @AttributeDefinition(description = "STUN servers, comma list (stun:host:port); empty: host candidates only")
    String stunServers() default "stun:stun.l.google.com:19302";

    @AttributeDefinition(description = "TURN servers, comma list (turn:host:port?transport=udp)")
    String turnServers() default "";

    @AttributeDefinition(description = "TURN user name")
    String turnUsername() default "";

    @AttributeDefinition(description = "TURN password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String turnPassword() default "";

    @AttributeDefinition(description = "Trust a TURN-over-TLS relay (turns: URL) whose certificate no known authority"
            + " signed, e.g. your own coturn with a self-signed certificate. Off: such a relay is not used, and a"
            + " session that needed it ends saying so")
    boolean turnTlsTrustSelfSigned() default false;

    @AttributeDefinition(description = "Upper bound of the video bitrate in kbit/s (a viewer may ask for less), 100-100000")
    int maxBandwidthKbps() default 5000;

    @AttributeDefinition(description = "Sessions running at once; beyond it requests are refused with a reason, 1-64")
    int maxSessions() default 3;

    @AttributeDefinition(description = "A session whose viewer has not answered and connected within this many seconds ends and frees its resources, 2-600")
    int answerTimeoutSec() default 30;

    @AttributeDefinition(description = "Audio language a viewer hears when the file flags no track as default and the viewer asks for none (ISO 639 code or English name, e.g. fra, fr or French); empty: the first track")
    String preferredAudioLanguage() default "";

    @AttributeDefinition(description = "What a stream gives up first when the viewer's link is too narrow for it: "
            + "balanced (resolution, then frame rate), maintain-framerate (sport: lower resolution only) or "
            + "maintain-resolution (films: lower frame rate first)",
            options = {
                    @Option(label = "balanced", value = "balanced"),
                    @Option(label = "maintain-framerate (sport)", value = "maintain-framerate"),
                    @Option(label = "maintain-resolution (films)", value = "maintain-resolution")})
    String degradationPreference() default "balanced";
}
