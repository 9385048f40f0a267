package org.giggityflix.peer.media.y4m.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * {@code YuvToRgb} is responsible for turning a frame's Y, U and V planes (BT.601, limited range, as YUV4MPEG2
 * carries them) into an RGB picture, upsampling the chroma by nearest neighbour.
 */
final class YuvToRgb {

    private YuvToRgb() {
    }

    static BufferedImage convert(byte[][] planes, Y4mHeader header) {
        int width = header.width();
        int height = header.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] y = planes[0];
        byte[] u = planes[1];
        byte[] v = planes[2];
        boolean mono = header.chroma() == Y4mHeader.Chroma.MONO;
        int sx = mono ? 1 : header.chroma().shiftX;
        int sy = mono ? 1 : header.chroma().shiftY;
        int chromaWidth = header.chromaWidth();
        for (int row = 0; row < height; row++) {
            int chromaRow = (row / sy) * chromaWidth;
            for (int col = 0; col < width; col++) {
                int c = 298 * ((y[row * width + col] & 0xff) - 16);
                int d = mono ? 0 : (u[chromaRow + col / sx] & 0xff) - 128;
                int e = mono ? 0 : (v[chromaRow + col / sx] & 0xff) - 128;
                int i = (row * width + col) * 3;
                bgr[i] = clamp((c + 516 * d + 128) >> 8);
                bgr[i + 1] = clamp((c - 100 * d - 208 * e + 128) >> 8);
                bgr[i + 2] = clamp((c + 409 * e + 128) >> 8);
            }
        }
        return image;
    }

    private static byte clamp(int value) {
        return (byte) Math.max(0, Math.min(255, value));
    }
}
