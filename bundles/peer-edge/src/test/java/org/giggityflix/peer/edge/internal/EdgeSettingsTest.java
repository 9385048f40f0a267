package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code EdgeSettingsTest} is responsible for proving bad settings are corrected and reported, never fatal, and that
 * a plaintext link to another machine carries a warning for the owner while one on loopback or over TLS does not.
 */
class EdgeSettingsTest {

    @Test
    void aGoodAddressIsTakenAsItIs() {
        EdgeSettings s = EdgeSettings.defaults("edge.example:6000");
        assertEquals("edge.example", s.host());
        assertEquals(6000, s.port());
        assertTrue(s.warnings().isEmpty());
        assertFalse(s.allowDelete(), "deleting is off by default");
    }

    @Test
    void aBrokenAddressFallsBackAndSaysSo() {
        EdgeSettings s = EdgeSettings.defaults("edge.example:notaport");
        assertEquals(50051, s.port());
        assertTrue(s.warnings().get(0).contains("notaport"));
    }

    @Test
    void aPlaintextLinkToAnotherMachineWarnsTheOwner() {
        String warning = EdgeSettings.defaults("192.168.1.20:50051").plaintextWarning().orElseThrow();
        assertTrue(warning.contains("192.168.1.20:50051") && warning.contains("not encrypted"), warning);
        assertTrue(EdgeSettings.defaults("edge.example:50051").plaintextWarning().isPresent());

        assertTrue(EdgeSettings.defaults("localhost:50051").plaintextWarning().isEmpty());
        assertTrue(EdgeSettings.defaults("127.0.0.1:50051").plaintextWarning().isEmpty());
        assertTrue(EdgeSettings.defaults("[::1]:50051").plaintextWarning().isEmpty());
        assertTrue(EdgeSettings.defaults("edge.example:50051").withTls(java.util.Optional.empty())
                .plaintextWarning().isEmpty(), "TLS: nothing to warn about");
    }

    @Test
    void onlyTheAddressTlsAndTimingMakeADifferentLink() {
        EdgeSettings s = EdgeSettings.defaults("edge.example:6000");
        assertTrue(s.sameLink(EdgeSettings.defaults("edge.example:6000")));
        assertTrue(s.sameLink(s.withAllowDelete(true)), "what the Edge may do applies to the running link");
        assertFalse(s.sameLink(s.withAddress("edge.example:6001")));
        assertFalse(s.sameLink(s.withTls(java.util.Optional.empty())));
        assertFalse(s.sameLink(s.withHeartbeat(java.time.Duration.ofSeconds(5))));
    }
}
