package org.giggityflix.peer.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code PgsFile} is responsible for writing a Blu-ray PGS subtitle stream ({@code .sup}, the "Presentation Graphic
 * Stream" release groups copy from discs) by hand, since the {@code ffmpeg} command cannot turn text into subtitle
 * pictures: each event is a white rectangle shown from one time to another (composition, window, palette, object
 * with its run-length coded pixels, end; then an empty composition that clears it). Muxed with {@code -c:s copy}
 * or converted to DVB with {@code -c:s dvbsub} by the command.
 */
public final class PgsFile {

    /** One white box on a {@code width}×{@code height} canvas, shown from {@code start} to {@code end} seconds. */
    public record Box(double start, double end, int x, int y, int w, int h) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int width;
    private final int height;
    private int composition;

    /**
     * Starts with an empty screen at 0 s: the command line shifts each input to start at 0, so a stream whose first
     * event is at 1 s would otherwise show it at 0 s.
     */
    public PgsFile(int width, int height) {
        this.width = width;
        this.height = height;
        segment(0, 0x16, emptyComposition());
        segment(0, 0x80, new byte[0]);
    }

    private byte[] emptyComposition() {
        return ByteBuffer.allocate(11).putShort((short) width).putShort((short) height).put((byte) 0x10)
                .putShort((short) composition++).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    public PgsFile box(Box b) {
        long show = Math.round(b.start() * 90_000);
        long hide = Math.round(b.end() * 90_000);
        ByteBuffer pcs = ByteBuffer.allocate(19).putShort((short) width).putShort((short) height).put((byte) 0x10)
                .putShort((short) composition++).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 1)
                .putShort((short) 0).put((byte) 0).put((byte) 0).putShort((short) b.x()).putShort((short) b.y());
        segment(show, 0x16, pcs.array());
        segment(show, 0x17, window(b));
        // Palette 0, entry 1: white (Y 235, Cr 128, Cb 128), opaque.
        segment(show, 0x14, new byte[] {0, 0, 1, (byte) 235, (byte) 128, (byte) 128, (byte) 255});
        ByteArrayOutputStream rle = new ByteArrayOutputStream();
        for (int row = 0; row < b.h(); row++) {
            rle.writeBytes(new byte[] {0, (byte) (0xC0 | (b.w() >> 8)), (byte) b.w(), 1, 0, 0});
        }
        byte[] pixels = rle.toByteArray();
        int length = pixels.length + 4;
        ByteBuffer ods = ByteBuffer.allocate(11 + pixels.length).putShort((short) 0).put((byte) 0).put((byte) 0xC0)
                .put((byte) (length >> 16)).put((byte) (length >> 8)).put((byte) length)
                .putShort((short) b.w()).putShort((short) b.h()).put(pixels);
        segment(show, 0x15, ods.array());
        segment(show, 0x80, new byte[0]);
        segment(hide, 0x16, emptyComposition());
        segment(hide, 0x17, window(b));
        segment(hide, 0x80, new byte[0]);
        return this;
    }

    /** Bytes that are not PGS at all, as a damaged rip has. */
    public PgsFile garbage(double at, int bytes) {
        byte[] junk = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        segment(Math.round(at * 90_000), 0x15, junk);
        segment(Math.round(at * 90_000), 0x80, new byte[0]);
        return this;
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, out.toByteArray());
    }

    private static byte[] window(Box b) {
        return ByteBuffer.allocate(10).put((byte) 1).put((byte) 0).putShort((short) b.x()).putShort((short) b.y())
                .putShort((short) b.w()).putShort((short) b.h()).array();
    }

    private void segment(long pts, int type, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(13).put((byte) 'P').put((byte) 'G').putInt((int) pts).putInt(0)
                .put((byte) type).putShort((short) data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
    }
}
