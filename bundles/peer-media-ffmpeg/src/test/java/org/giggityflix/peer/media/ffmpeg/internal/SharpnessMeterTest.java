package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.giggityflix.peer.media.common.FrameScore;
import org.junit.jupiter.api.Test;

/**
 * {@code SharpnessMeterTest} is responsible for proving the frame measure: fine detail scores higher than soft
 * gradients, and black or flat frames count as blank whatever their score.
 */
class SharpnessMeterTest {

    @Test
    void checkerboardIsSharperThanAGradient() {
        FrameScore board = measure(TestMedia.checkerboard(8));
        FrameScore soft = measure(TestMedia.soft(0));

        assertTrue(board.sharpness() > 100 * Math.max(1, soft.sharpness()), board + " vs " + soft);
        assertTrue(board.betterThan(soft));
        assertFalse(board.blank());
        assertFalse(soft.blank());
    }

    @Test
    void darkNoiseIsBlankAndLosesToAnyPicture() {
        FrameScore dark = measure(TestMedia.darkNoise(1));
        FrameScore soft = measure(TestMedia.soft(0));

        assertTrue(dark.sharpness() > soft.sharpness(), "the trap: noise scores sharper");
        assertTrue(dark.blank());
        assertTrue(soft.betterThan(dark));
        assertFalse(dark.betterThan(soft));
    }

    @Test
    void aFlatGreyFrameIsBlank() {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Arrays.fill(((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), (byte) 128);

        assertTrue(measure(grey).blank());
    }

    private static FrameScore measure(BufferedImage image) {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return SharpnessMeter.measure(bgr, image.getWidth(), image.getHeight());
    }
}
