package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code CaptureSettingsTest} is responsible for proving that configured capture values in range are kept and that
 * bad ones (out of range, not a number) are replaced by the nearest valid value instead of failing.
 */
class CaptureSettingsTest {

    private static final String PID = "org.example.codec";

    @Test
    void valuesInRangeAreKept() {
        assertEquals(new CaptureSettings(0.5f, 800, 2.5), CaptureSettings.checked(PID, 0.5, 800, 2.5, 3840));
        assertEquals(CaptureSettings.DEFAULTS, CaptureSettings.checked(PID, 0.9f, 0, 1.0, Integer.MAX_VALUE));
    }

    @Test
    void valuesOutOfRangeBecomeTheNearestValidOne() {
        assertEquals(new CaptureSettings(0.05f, 0, 0.04), CaptureSettings.checked(PID, 0, -5, 0, 3840));
        assertEquals(new CaptureSettings(1.0f, 3840, 10), CaptureSettings.checked(PID, 7, 10_000, 60, 3840));
        assertEquals(10_000, CaptureSettings.checked(PID, 0.9, 10_000, 1, Integer.MAX_VALUE).maxWidth());
    }

    @Test
    void notANumberBecomesTheMinimum() {
        assertEquals(new CaptureSettings(0.05f, 0, 0.04),
                CaptureSettings.checked(PID, Double.NaN, Double.NaN, Double.NaN, 3840));
    }

    @Test
    void theMetatypeShowsTheRangesThatAreEnforced() {
        CaptureSettings lowest = CaptureSettings.checked(PID, -1, -1, -1, 3840);
        CaptureSettings highest = CaptureSettings.checked(PID, 99, 99_999, 99, 3840);

        assertEquals(Double.parseDouble(CaptureMetatype.JPEG_QUALITY_MIN), lowest.jpegQuality(), 1e-6);
        assertEquals(Double.parseDouble(CaptureMetatype.JPEG_QUALITY_MAX), highest.jpegQuality(), 1e-6);
        assertEquals(Integer.parseInt(CaptureMetatype.MAX_WIDTH_MIN), lowest.maxWidth());
        assertEquals(Double.parseDouble(CaptureMetatype.WINDOW_SECONDS_MIN), lowest.windowSeconds(), 1e-9);
        assertEquals(Double.parseDouble(CaptureMetatype.WINDOW_SECONDS_MAX), highest.windowSeconds(), 1e-9);
    }
}
