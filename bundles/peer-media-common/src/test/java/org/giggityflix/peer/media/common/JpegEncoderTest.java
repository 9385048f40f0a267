package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * {@code JpegEncoderTest} is responsible for proving the shared JPEG step: pictures wider than the maximum are scaled
 * down keeping their aspect ratio (others are left alone), and the bytes are a JPEG whose quality setting counts.
 */
class JpegEncoderTest {

    @Test
    void narrowPicturesAndNoMaximumKeepTheirSize() {
        BufferedImage image = picture(320, 240);

        assertSame(image, new JpegEncoder(0.9f, 0).fit(image));
        assertSame(image, new JpegEncoder(0.9f, 320).fit(image));
        assertSame(image, new JpegEncoder(0.9f, 640).fit(image));
    }

    @Test
    void widePicturesAreScaledToTheMaximumKeepingTheAspectRatio() {
        BufferedImage halvedThenScaled = new JpegEncoder(0.9f, 300).fit(picture(1280, 720));
        assertEquals(300, halvedThenScaled.getWidth());
        assertEquals(169, halvedThenScaled.getHeight()); // 720 * 300 / 1280 = 168.75

        BufferedImage exactHalves = new JpegEncoder(0.9f, 320).fit(picture(1280, 720));
        assertEquals(320, exactHalves.getWidth());
        assertEquals(180, exactHalves.getHeight());
    }

    @Test
    void theBytesAreAJpegAndLowerQualityIsSmaller() throws IOException {
        BufferedImage image = picture(320, 240);

        byte[] fine = new JpegEncoder(0.95f, 0).encode(image);
        byte[] rough = new JpegEncoder(0.1f, 0).encode(image);

        assertEquals((byte) 0xFF, fine[0]);
        assertEquals((byte) 0xD8, fine[1]);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(fine));
        assertNotNull(decoded);
        assertEquals(320, decoded.getWidth());
        assertEquals(240, decoded.getHeight());
        assertTrue(rough.length < fine.length, rough.length + " vs " + fine.length);
    }

    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int shade = ((x / 8 + y / 8) % 2 == 0) ? 220 : 30;
                image.setRGB(x, y, (shade << 16) | ((x * 255 / width) << 8) | (y * 255 / height));
            }
        }
        return image;
    }
}
