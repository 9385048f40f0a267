package org.giggityflix.peer.media.common;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * {@code JpegEncoder} is responsible for turning a chosen frame into JPEG bytes with the JDK's own encoder,
 * scaled down to a maximum width when one is set (shared by the codec bundles, each copies it into itself).
 */
public final class JpegEncoder {

    private final float quality;
    private final int maxWidth;

    /**
     * @param quality  0.05–1.0
     * @param maxWidth 0 keeps the frame's width
     */
    public JpegEncoder(float quality, int maxWidth) {
        this.quality = quality;
        this.maxWidth = maxWidth;
    }

    public BufferedImage fit(BufferedImage image) {
        if (maxWidth <= 0 || image.getWidth() <= maxWidth) {
            return image;
        }
        BufferedImage current = image;
        // Halving step by step keeps detail that one big bilinear jump would alias away.
        while (current.getWidth() / 2 >= maxWidth) {
            current = scale(current, current.getWidth() / 2);
        }
        return current.getWidth() == maxWidth ? current : scale(current, maxWidth);
    }

    public byte[] encode(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("this JVM has no JPEG encoder (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A memory cache rather than ImageIO's default temp files: nothing touches the disk.
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), parameters(writer));
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private ImageWriteParam parameters(ImageWriter writer) {
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(quality);
        return parameters;
    }

    private static BufferedImage scale(BufferedImage image, int width) {
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = scaled.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return scaled;
    }
}
