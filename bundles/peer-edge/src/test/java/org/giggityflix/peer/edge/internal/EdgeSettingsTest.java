package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code EdgeSettingsTest} is responsible for proving bad settings are corrected and reported, never fatal. */
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
}
