package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@code UiAssetsTest} is responsible for proving the UI files keep the content types the pages were always served
 * with (the container alone would send {@code application/javascript} and no charset), and that a name without an
 * extension of its own is left to the container.
 */
class UiAssetsTest {

    @Test
    void theUiFilesKeepTheirContentTypes() {
        assertEquals("text/css;charset=utf-8", UiAssets.type("/assets/app.css"));
        assertEquals("text/javascript;charset=utf-8", UiAssets.type("/assets/player.js"));
        assertEquals("text/javascript;charset=utf-8", UiAssets.type("/assets/APP.JS"));
        assertEquals("image/svg+xml", UiAssets.type("/assets/favicon.svg"));
        assertEquals("image/x-icon", UiAssets.type("/assets/old.ico"));
    }

    @Test
    void otherNamesAreLeftToTheContainer() {
        assertNull(UiAssets.type("/assets/readme"));
        assertNull(UiAssets.type("/assets/v1.2/readme"));
        assertNull(UiAssets.type("/assets/page.html"));
        assertNull(UiAssets.type("/assets/.js"));
    }
}
