package org.giggityflix.peer.media.y4m.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code Y4mHeader} is responsible for the stream header of a YUV4MPEG2 file: picture size, frame rate and chroma
 * layout, and from them the size of one frame's planes.
 *
 * @param width          luma width, pixels
 * @param height         luma height, pixels
 * @param rateNumerator   frames per {@code rateDenominator} seconds
 * @param rateDenominator seconds per {@code rateNumerator} frames
 * @param chroma         the layout of the colour planes
 * @param headerBytes    bytes of the header line, its newline included
 */
record Y4mHeader(int width, int height, int rateNumerator, int rateDenominator, Chroma chroma, int headerBytes) {

    static final String MAGIC = "YUV4MPEG2 ";
    /** A header is a short line; anything longer is not a YUV4MPEG2 file. */
    static final int MAX_HEADER = 1024;
    /** Beyond 16K either way the planes would not fit the memory a home server gives one picture. */
    static final int MAX_SIDE = 16384;

    /** Chroma planes' subsampling: how many luma columns and rows share one chroma sample; 0 when there are none. */
    enum Chroma {
        C420(2, 2, "yuv420p"), C422(2, 1, "yuv422p"), C444(1, 1, "yuv444p"), MONO(0, 0, "gray");

        final int shiftX;
        final int shiftY;
        /** FFmpeg's name of the pixel format, as the stream inventory reports it. */
        final String pixelFormat;

        Chroma(int xs, int ys, String pixelFormat) {
            this.shiftX = xs;
            this.shiftY = ys;
            this.pixelFormat = pixelFormat;
        }

        static Chroma parse(String tag) throws IOException {
            String value = tag.toLowerCase(Locale.ROOT);
            if (value.startsWith("420")) {
                if (value.contains("p1") || value.contains("p9")) {
                    throw new IOException("YUV4MPEG2 colour space C" + tag + " has more than 8 bits per sample,"
                            + " which this codec does not read");
                }
                return C420;
            }
            return switch (value) {
                case "422" -> C422;
                case "444" -> C444;
                case "mono" -> MONO;
                default -> throw new IOException("YUV4MPEG2 colour space C" + tag + " is not supported"
                        + " (420, 422, 444 and mono are)");
            };
        }
    }

    double frameRate() {
        return (double) rateNumerator / rateDenominator;
    }

    int chromaWidth() {
        return chroma == Chroma.MONO ? 0 : (width + chroma.shiftX - 1) / chroma.shiftX;
    }

    int chromaHeight() {
        return chroma == Chroma.MONO ? 0 : (height + chroma.shiftY - 1) / chroma.shiftY;
    }

    long lumaBytes() {
        return (long) width * height;
    }

    /** Bytes of one frame's planes, frame header not included. */
    long planeBytes() {
        return lumaBytes() + 2L * chromaWidth() * chromaHeight();
    }

    /** Parses the header line at the start of {@code bytes} (which holds at least the header). */
    static Y4mHeader parse(byte[] bytes, int length, String file) throws IOException {
        int end = -1;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                end = i;
                break;
            }
        }
        String line = new String(bytes, 0, end < 0 ? Math.min(length, 40) : end, StandardCharsets.US_ASCII);
        if (!line.startsWith(MAGIC.strip())) {
            throw new IOException(file + " is not a YUV4MPEG2 file (it does not start with 'YUV4MPEG2')");
        }
        if (end < 0) {
            throw new IOException(file + ": the YUV4MPEG2 header line does not end within " + MAX_HEADER + " bytes");
        }
        int width = 0;
        int height = 0;
        int numerator = 0;
        int denominator = 0;
        Chroma chroma = Chroma.C420;
        for (String token : line.substring(MAGIC.length() - 1).strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            String value = token.substring(1);
            try {
                switch (token.charAt(0)) {
                    case 'W' -> width = Integer.parseInt(value);
                    case 'H' -> height = Integer.parseInt(value);
                    case 'F' -> {
                        String[] parts = value.split(":");
                        numerator = Integer.parseInt(parts[0]);
                        denominator = Integer.parseInt(parts[1]);
                    }
                    case 'C' -> chroma = Chroma.parse(value);
                    default -> {
                        // Interlacing (I), aspect (A) and extensions (X) do not change how frames are read.
                    }
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": bad YUV4MPEG2 header field '" + token + "'", e);
            }
        }
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IOException(file + ": YUV4MPEG2 picture size " + width + "x" + height + " is missing or outside"
                    + " 1.." + MAX_SIDE);
        }
        if (numerator <= 0 || denominator <= 0) {
            throw new IOException(file + ": YUV4MPEG2 header has no usable frame rate (F" + numerator + ":"
                    + denominator + ")");
        }
        return new Y4mHeader(width, height, numerator, denominator, chroma, end + 1);
    }
}
