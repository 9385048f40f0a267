package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code CurrentCaptureSettingsTest} is responsible for proving that a codec's settings are checked when read and
 * when changed, that a change applies to captures that start afterwards and not to one already holding its set, and
 * that bad positions are refused before a capture gets any settings.
 */
class CurrentCaptureSettingsTest {

    private static final String PID = "org.example.codec";

    @Test
    void configuredValuesAreCheckedAgainstTheCodecsWidestWidth() {
        CurrentCaptureSettings settings = CurrentCaptureSettings.configured(PID, 3840, 2.0, 10_000, 0.5);

        assertEquals(new CaptureSettings(1.0f, 3840, 0.5), settings.forCapture(List.of(1.0)));
    }

    @Test
    void aChangeAppliesToTheNextCaptureAndNotToOneUnderWay() {
        CurrentCaptureSettings settings = new CurrentCaptureSettings(PID, 3840, CaptureSettings.DEFAULTS);
        CaptureSettings underWay = settings.forCapture(List.of(1.0, 2.0));

        settings.configure(0.5, 640, 20);

        assertEquals(CaptureSettings.DEFAULTS, underWay);
        assertEquals(new CaptureSettings(0.5f, 640, 10), settings.forCapture(List.of(3.0)));
    }

    @Test
    void badPositionsAreRefused() {
        CurrentCaptureSettings settings = new CurrentCaptureSettings(PID, 3840, CaptureSettings.DEFAULTS);

        assertThrows(IllegalArgumentException.class, () -> settings.forCapture(List.of(1.0, -0.5)));
        assertThrows(IllegalArgumentException.class, () -> settings.forCapture(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> settings.forCapture(Arrays.asList(1.0, null)));
    }
}
