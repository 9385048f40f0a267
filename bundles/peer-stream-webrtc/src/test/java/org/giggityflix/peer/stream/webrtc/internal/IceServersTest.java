package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.TlsCertPolicy;
import org.giggityflix.peer.api.stream.IceServer;
import org.junit.jupiter.api.Test;

/**
 * Checks what libwebrtc is given for the owner's STUN/TURN servers: credentials kept, a {@code turns:} relay's
 * certificate checked unless the owner trusts self-signed relays, and the words a session that never connected
 * ends with when an untrusted TLS relay may be why.
 */
class IceServersTest {

    private static final IceServer STUN = new IceServer(List.of("stun:stun.example.org:3478"), Optional.empty(),
            Optional.empty());
    private static final IceServer TURNS = new IceServer(List.of("turns:relay.example.org:5349?transport=tcp"),
            Optional.of("peer"), Optional.of("secret"));

    @Test
    void aTlsRelayIsCheckedUnlessTheOwnerTrustsSelfSignedOnes() {
        List<RTCIceServer> checked = IceServers.toRtc(List.of(STUN, TURNS), false);
        assertEquals(TlsCertPolicy.SECURE, checked.get(1).tlsCertPolicy);
        assertEquals("peer", checked.get(1).username);
        assertEquals("secret", checked.get(1).password);
        assertEquals(List.of("turns:relay.example.org:5349?transport=tcp"), checked.get(1).urls);

        List<RTCIceServer> trusted = IceServers.toRtc(List.of(STUN, TURNS), true);
        assertEquals(TlsCertPolicy.INSECURE_NO_CHECK, trusted.get(1).tlsCertPolicy);
        assertEquals(TlsCertPolicy.SECURE, trusted.get(0).tlsCertPolicy, "only TLS relays are concerned");
    }

    @Test
    void anUnconnectedSessionNamesTheSettingOnlyWhenAnUntrustedTlsRelayMayBeWhy() {
        String hint = IceServers.unconnectedHint(List.of(STUN, TURNS), false);
        assertTrue(hint.contains("turns:relay.example.org:5349") && hint.contains("turnTlsTrustSelfSigned=true"),
                hint);
        assertEquals("", IceServers.unconnectedHint(List.of(STUN, TURNS), true));
        assertEquals("", IceServers.unconnectedHint(List.of(STUN), false));
    }
}
