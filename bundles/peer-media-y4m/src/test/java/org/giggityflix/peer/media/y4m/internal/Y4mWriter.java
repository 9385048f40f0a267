package org.giggityflix.peer.media.y4m.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code Y4mWriter} is responsible for writing test clips: a YUV4MPEG2 header, then for each frame a FRAME line and
 * 4:2:0 planes that the test paints (a sharp noise texture, a smooth gradient, black, or a colour).
 */
final class Y4mWriter implements AutoCloseable {

    /** What one frame shows. */
    enum Picture { SHARP, SMOOTH, BLACK, RED }

    private final OutputStream out;
    private final int width;
    private final int height;
    private final Random random = new Random(42);

    Y4mWriter(Path file, int width, int height, String rate, String colourSpace) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.width = width;
        this.height = height;
        String header = "YUV4MPEG2 W" + width + " H" + height + " F" + rate + " Ip A1:1"
                + (colourSpace == null ? "" : " C" + colourSpace) + "\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    static void clip(Path file, int width, int height, String rate, int frames) throws IOException {
        try (Y4mWriter writer = new Y4mWriter(file, width, height, rate, "420jpeg")) {
            for (int i = 0; i < frames; i++) {
                writer.frame(Picture.SMOOTH);
            }
        }
    }

    void frame(Picture picture) throws IOException {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        byte[] y = new byte[width * height];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                y[row * width + col] = (byte) switch (picture) {
                    case SHARP -> 40 + random.nextInt(180);
                    case SMOOTH -> 60 + (col * 120) / Math.max(1, width - 1);
                    case BLACK -> 16;
                    case RED -> 81;
                };
            }
        }
        int chroma = ((width + 1) / 2) * ((height + 1) / 2);
        byte[] u = new byte[chroma];
        byte[] v = new byte[chroma];
        Arrays.fill(u, (byte) (picture == Picture.RED ? 90 : 128));
        Arrays.fill(v, (byte) (picture == Picture.RED ? 240 : 128));
        out.write(y);
        out.write(u);
        out.write(v);
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
