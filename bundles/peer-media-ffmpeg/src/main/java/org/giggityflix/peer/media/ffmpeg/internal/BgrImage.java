package org.giggityflix.peer.media.ffmpeg.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * {@code BgrImage} is responsible for holding one decoded picture in Java memory (packed BGR24, no row padding),
 * independent of FFmpeg's reused native buffers.
 *
 * @param width  pixels
 * @param height pixels
 * @param bgr    {@code width * height * 3} bytes, blue-green-red per pixel
 */
record BgrImage(int width, int height, byte[] bgr) {

    /** The same bytes as an AWT image ({@code TYPE_3BYTE_BGR} stores exactly this layout). */
    BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, target, 0, target.length);
        return image;
    }
}
