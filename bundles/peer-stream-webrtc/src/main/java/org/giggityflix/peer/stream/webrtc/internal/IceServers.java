package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.TlsCertPolicy;
import org.giggityflix.peer.api.stream.IceServer;

/**
 * {@code IceServers} is responsible for handing a session's STUN and TURN servers to libwebrtc, with the owner's
 * choice for TURN over TLS ({@code turns:}): a relay's certificate is checked against the known authorities
 * unless the owner trusts self-signed relays ({@code turnTlsTrustSelfSigned}), and for saying in words why a
 * session that had only such a relay to go through could not connect.
 */
final class IceServers {

    private IceServers() {
    }

    /** libwebrtc's form of {@code servers}; {@code turns:} ones unchecked when {@code trustSelfSigned}. */
    static List<RTCIceServer> toRtc(List<IceServer> servers, boolean trustSelfSigned) {
        List<RTCIceServer> out = new ArrayList<>();
        for (IceServer server : servers) {
            RTCIceServer s = new RTCIceServer();
            s.urls = new ArrayList<>(server.urls());
            server.username().ifPresent(u -> s.username = u);
            server.credential().ifPresent(c -> s.password = c);
            s.tlsCertPolicy = trustSelfSigned && server.urls().stream().anyMatch(IceServers::tls)
                    ? TlsCertPolicy.INSECURE_NO_CHECK : TlsCertPolicy.SECURE;
            out.add(s);
        }
        return out;
    }

    /**
     * Why a session that never connected may not have: with a {@code turns:} relay among {@code servers} and
     * self-signed relays not trusted, a hint naming the setting; empty otherwise.
     */
    static String unconnectedHint(List<IceServer> servers, boolean trustSelfSigned) {
        if (trustSelfSigned) {
            return "";
        }
        return servers.stream().flatMap(s -> s.urls().stream()).filter(IceServers::tls).findFirst()
                .map(url -> " (the TURN relay " + url.split("\\?")[0] + " is used over TLS only when its certificate"
                        + " is signed by a known authority; for your own self-signed relay set turnTlsTrustSelfSigned"
                        + "=true)")
                .orElse("");
    }

    private static boolean tls(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("turns:");
    }
}
