package org.giggityflix.peer.media.y4m.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.y4m.internal.Y4mWriter.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Y4mThumbnailProviderTest} is responsible for proving the provider picks the one sharp frame of each window,
 * skips black frames, converts colour correctly, honours the maximum width, and returns decodable JPEGs.
 */
class Y4mThumbnailProviderTest {

    @TempDir
    Path dir;

    private static BufferedImage decode(Thumbnail thumbnail) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
        assertEquals(thumbnail.width(), image.getWidth());
        assertEquals(thumbnail.height(), image.getHeight());
        return image;
    }

    @Test
    void theOneSharpFrameOfEachWindowIsChosen() throws IOException {
        // 10 fps, 8 s; positions 2, 4, 6 with ±1 s windows; the sharp frames sit off-centre in each window.
        Path clip = dir.resolve("sharp.y4m");
        List<Integer> sharpFrames = List.of(13, 47, 56);
        try (Y4mWriter writer = new Y4mWriter(clip, 96, 64, "10:1", "420jpeg")) {
            for (int i = 0; i < 80; i++) {
                writer.frame(sharpFrames.contains(i) ? Picture.SHARP : Picture.SMOOTH);
            }
        }

        List<Thumbnail> thumbnails = new Y4mThumbnailProvider(CaptureSettings.DEFAULTS)
                .capture(clip, List.of(2.0, 4.0, 6.0));

        assertEquals(3, thumbnails.size());
        assertEquals(List.of(1.3, 4.7, 5.6), thumbnails.stream()
                .map(t -> Math.round(t.positionSeconds() * 10) / 10.0).toList());
        for (Thumbnail thumbnail : thumbnails) {
            BufferedImage image = decode(thumbnail);
            assertEquals(96, image.getWidth());
            assertEquals(64, image.getHeight());
        }
    }

    @Test
    void blackFramesLoseToAnyPictureAndNeighboursNeverShareFrames() throws IOException {
        Path clip = dir.resolve("fade.y4m");
        try (Y4mWriter writer = new Y4mWriter(clip, 64, 48, "10:1", "420jpeg")) {
            for (int i = 0; i < 40; i++) {
                // Black with a smooth picture at frames 9 and 31 (the only non-black ones).
                writer.frame(i == 9 || i == 31 ? Picture.SMOOTH : Picture.BLACK);
            }
        }

        List<Thumbnail> thumbnails = new Y4mThumbnailProvider(CaptureSettings.DEFAULTS)
                .capture(clip, List.of(1.0, 1.5, 3.0));

        assertEquals(0.9, thumbnails.get(0).positionSeconds(), 1e-9);
        // 1.5's window is cut at 1.25 by its neighbour: frame 9 is not its to take.
        assertTrue(thumbnails.get(1).positionSeconds() >= 1.25, "" + thumbnails.get(1).positionSeconds());
        assertEquals(3.1, thumbnails.get(2).positionSeconds(), 1e-9);
    }

    @Test
    void coloursAreConvertedAndWidePicturesScaledDown() throws IOException {
        Path clip = dir.resolve("red.y4m");
        try (Y4mWriter writer = new Y4mWriter(clip, 160, 90, "25:1", "420jpeg")) {
            for (int i = 0; i < 25; i++) {
                writer.frame(Picture.RED);
            }
        }

        Thumbnail thumbnail = new Y4mThumbnailProvider(new CaptureSettings(0.9f, 80, 1.0))
                .capture(clip, List.of(0.5)).get(0);

        BufferedImage image = decode(thumbnail);
        assertEquals(80, image.getWidth());
        assertEquals(45, image.getHeight());
        int rgb = image.getRGB(40, 22);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        assertTrue(red > 200 && green < 60 && blue < 60, "pure red expected, got " + red + "," + green + "," + blue);
    }

    @Test
    void aPositionBeyondTheEndTakesTheLastFramesAndBadInputIsRefused() throws IOException {
        Path clip = dir.resolve("short.y4m");
        Y4mWriter.clip(clip, 32, 32, "10:1", 10);
        Y4mThumbnailProvider provider = new Y4mThumbnailProvider(CaptureSettings.DEFAULTS);

        Thumbnail late = provider.capture(clip, List.of(30.0)).get(0);
        assertEquals(0.9, late.positionSeconds(), 1e-9);

        assertThrows(IllegalArgumentException.class, () -> provider.capture(clip, List.of(-1.0)));
        Path empty = dir.resolve("empty.y4m");
        Y4mWriter.clip(empty, 32, 32, "10:1", 0);
        assertTrue(assertThrows(IOException.class, () -> provider.capture(empty, List.of(0.0)))
                .getMessage().contains("no complete frame"));
    }
}
