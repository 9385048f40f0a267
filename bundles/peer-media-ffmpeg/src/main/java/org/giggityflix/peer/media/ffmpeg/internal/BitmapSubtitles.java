package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_BITMAP_SUB;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_BITMAP;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.giggityflix.peer.api.media.NoSuchTrackException;

/**
 * {@code BitmapSubtitles} is responsible for burning one image subtitle stream (PGS, DVB, VobSub …) into a
 * reader's pictures: it decodes the stream's packets with FFmpeg's subtitle decoder, keeps the bitmaps on screen at
 * each moment (converted once to Y'CbCr with alpha at the picture's size, nearest-neighbour scaled from the stream's
 * canvas, and turned with the picture by the video's {@link DisplayRotation}: the canvas is the stored picture's, so a
 * phone clip's subtitle lands where it was placed on the upright picture) and blends them into I420 planes. An event
 * that does not decode is skipped.
 */
final class BitmapSubtitles implements AutoCloseable {

    /** How long a bitmap stays when its stream says nothing about its end (and no later event clears it). */
    static final double DEFAULT_SECONDS = 5;

    /** One bitmap on screen, ready to blend: luma, chroma and alpha at the picture's scale. */
    private record Overlay(int x, int y, int w, int h, byte[] luma, byte[] cb, byte[] cr, byte[] alpha) {
    }

    /** What one decoded event shows, from {@code start} to {@code end} seconds (file time). */
    private record Shown(double start, double end, List<Overlay> overlays) {
    }

    private final int index;
    private final AVCodecContext codec;
    private final DisplayRotation rotation;
    private final double timeBase;
    private final double startOffset;
    private final AVSubtitle subtitle = new AVSubtitle();
    private final List<Shown> queued = new ArrayList<>();
    private final int[] got = new int[1];

    private BitmapSubtitles(int index, AVCodecContext codec, DisplayRotation rotation, double timeBase,
                            double startOffset) {
        this.index = index;
        this.codec = codec;
        this.rotation = rotation;
        this.timeBase = timeBase;
        this.startOffset = startOffset;
    }

    /**
     * Opens the decoder of stream {@code index}.
     *
     * @param rotation how the video's pictures are turned upright (the bitmaps are turned with them)
     * @throws NoSuchTrackException when it is not an image subtitle stream FFmpeg decodes (the message lists the
     *                              subtitle streams there are)
     */
    static BitmapSubtitles open(AVFormatContext format, int index, DisplayRotation rotation, double startOffset,
                                Path file) throws IOException {
        if (index < 0 || index >= format.nb_streams()
                || format.streams(index).codecpar().codec_type() != AVMEDIA_TYPE_SUBTITLE) {
            throw new NoSuchTrackException("no subtitle stream " + index + " in " + file.getFileName() + "; "
                    + listing(format));
        }
        AVStream stream = format.streams(index);
        int codecId = stream.codecpar().codec_id();
        AVCodecDescriptor descriptor = avcodec_descriptor_get(codecId);
        if (descriptor == null || descriptor.isNull() || (descriptor.props() & AV_CODEC_PROP_BITMAP_SUB) == 0) {
            throw new NoSuchTrackException("subtitle stream " + index + " of " + file.getFileName() + " ("
                    + codecName(codecId) + ") is not made of pictures FFmpeg can draw");
        }
        AVCodecContext codec;
        try {
            codec = Decoders.open(stream, 1, file, "subtitle stream " + index + " (" + codecName(codecId) + ")");
        } catch (IOException e) {
            throw new NoSuchTrackException(e.getMessage());
        }
        AVRational base = stream.time_base();
        return new BitmapSubtitles(index, codec, rotation, base.den() == 0 ? 0 : (double) base.num() / base.den(),
                startOffset);
    }

    int index() {
        return index;
    }

    /** The file's subtitle streams, for refusals: "subtitle streams: 2 (subrip, eng), 3 (dvb_subtitle, fre)". */
    static String listing(AVFormatContext format) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_SUBTITLE) {
                all.add(i + " (" + codecName(s.codecpar().codec_id()) + ")");
            }
        }
        return all.isEmpty() ? "it has no subtitle streams" : "subtitle streams: " + String.join(", ", all);
    }

    private static String codecName(int codecId) {
        BytePointer name = avcodec_get_name(codecId);
        return codecId == AV_CODEC_ID_NONE || name == null || name.isNull() ? "a codec FFmpeg does not know"
                : name.getString();
    }

    /**
     * Decodes one packet of the stream; upright pictures of {@code width}×{@code height} are what it will be drawn
     * on.
     */
    void decode(AVPacket packet, int width, int height) {
        if (packet.pts() == AV_NOPTS_VALUE) {
            return;
        }
        got[0] = 0;
        if (avcodec_decode_subtitle2(codec, subtitle, got, packet) < 0 || got[0] == 0) {
            return;
        }
        try {
            double at = packet.pts() * timeBase - startOffset;
            double start = at + Integer.toUnsignedLong(subtitle.start_display_time()) / 1000.0;
            long endMs = Integer.toUnsignedLong(subtitle.end_display_time());
            double end = endMs > 0 && endMs < 0xFFFF_FFFFL ? at + endMs / 1000.0
                    : packet.duration() > 0 ? (packet.pts() + packet.duration()) * timeBase - startOffset
                    : start + DEFAULT_SECONDS;
            // A later event replaces what is on screen (PGS and DVB clear with an empty one).
            for (int i = 0; i < queued.size(); i++) {
                Shown s = queued.get(i);
                if (s.end() > start && s.start() <= start) {
                    queued.set(i, new Shown(s.start(), start, s.overlays()));
                }
            }
            List<Overlay> overlays = overlays(width, height);
            if (!overlays.isEmpty() && end > start) {
                queued.add(new Shown(start, end, overlays));
            }
        } finally {
            avsubtitle_free(subtitle);
        }
    }

    /** Forgets what was on screen (after a seek: the packets before the new place are read again). */
    void flush() {
        avcodec_flush_buffers(codec);
        queued.clear();
    }

    /** Draws what is on screen at {@code seconds} into the I420 planes, and forgets what has ended. */
    void draw(double seconds, int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
              ByteBuffer v, int strideV) {
        queued.removeIf(s -> s.end() <= seconds - 1);
        for (Shown s : queued) {
            if (s.start() <= seconds && seconds < s.end()) {
                for (Overlay o : s.overlays()) {
                    blend(o, width, height, y, strideY, u, strideU, v, strideV);
                }
            }
        }
    }

    /** Whether anything is on screen at {@code seconds} (the reader then makes its picture writable). */
    boolean showing(double seconds) {
        for (Shown s : queued) {
            if (s.start() <= seconds && seconds < s.end()) {
                return true;
            }
        }
        return false;
    }

    private List<Overlay> overlays(int width, int height) {
        List<Overlay> out = new ArrayList<>();
        // The canvas is the stored picture's (as the disc or broadcast authored it), before the display rotation.
        int storedW = rotation.swapsSides() ? height : width;
        int storedH = rotation.swapsSides() ? width : height;
        int canvasW = codec.width() > 0 ? codec.width() : storedW;
        int canvasH = codec.height() > 0 ? codec.height() : storedH;
        for (int r = 0; r < subtitle.num_rects(); r++) {
            AVSubtitleRect rect = subtitle.rects(r);
            if (rect.type() != SUBTITLE_BITMAP || rect.w() <= 0 || rect.h() <= 0 || rect.nb_colors() <= 0) {
                continue;
            }
            Overlay o = overlay(rect, storedW / (double) canvasW, storedH / (double) canvasH, storedW, storedH);
            if (o != null) {
                out.add(upright(o, storedW, storedH));
            }
        }
        return out;
    }

    /** The overlay {@code o} of a stored picture of {@code w}×{@code h} turned as the picture is turned upright. */
    private Overlay upright(Overlay o, int w, int h) {
        if (rotation.filters().isEmpty()) {
            return o;
        }
        int[] a = rotation.upright(o.x(), o.y(), w, h);
        int[] b = rotation.upright(o.x() + o.w() - 1, o.y() + o.h() - 1, w, h);
        int x0 = Math.min(a[0], b[0]);
        int y0 = Math.min(a[1], b[1]);
        int ow = Math.abs(a[0] - b[0]) + 1;
        int oh = Math.abs(a[1] - b[1]) + 1;
        int uprightW = rotation.swapsSides() ? h : w;
        int uprightH = rotation.swapsSides() ? w : h;
        byte[] luma = new byte[ow * oh];
        byte[] cb = new byte[ow * oh];
        byte[] cr = new byte[ow * oh];
        byte[] alpha = new byte[ow * oh];
        for (int row = 0; row < oh; row++) {
            for (int col = 0; col < ow; col++) {
                int[] from = rotation.stored(x0 + col, y0 + row, uprightW, uprightH);
                int at = (from[1] - o.y()) * o.w() + (from[0] - o.x());
                int to = row * ow + col;
                luma[to] = o.luma()[at];
                cb[to] = o.cb()[at];
                cr[to] = o.cr()[at];
                alpha[to] = o.alpha()[at];
            }
        }
        return new Overlay(x0, y0, ow, oh, luma, cb, cr, alpha);
    }

    /** The rect at the picture's scale: palette to Y'CbCr (BT.601 limited range) and alpha, nearest neighbour. */
    private static Overlay overlay(AVSubtitleRect rect, double sx, double sy, int width, int height) {
        int colors = Math.min(rect.nb_colors(), 256);
        ByteBuffer palette = rect.data(1).capacity(4L * colors).asByteBuffer().order(ByteOrder.nativeOrder());
        byte[] pY = new byte[colors];
        byte[] pU = new byte[colors];
        byte[] pV = new byte[colors];
        byte[] pA = new byte[colors];
        for (int c = 0; c < colors; c++) {
            int argb = palette.getInt(4 * c);
            int a = argb >>> 24;
            int red = (argb >> 16) & 0xFF;
            int green = (argb >> 8) & 0xFF;
            int blue = argb & 0xFF;
            pY[c] = (byte) clamp(16 + (65.481 * red + 128.553 * green + 24.966 * blue) / 255);
            pU[c] = (byte) clamp(128 + (-37.797 * red - 74.203 * green + 112.0 * blue) / 255);
            pV[c] = (byte) clamp(128 + (112.0 * red - 93.786 * green - 18.214 * blue) / 255);
            pA[c] = (byte) a;
        }
        int x0 = (int) Math.round(rect.x() * sx);
        int y0 = (int) Math.round(rect.y() * sy);
        int w = Math.min((int) Math.max(1, Math.round(rect.w() * sx)), width - x0);
        int h = Math.min((int) Math.max(1, Math.round(rect.h() * sy)), height - y0);
        if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0) {
            return null;
        }
        int linesize = rect.linesize(0);
        ByteBuffer indices = rect.data(0).capacity((long) linesize * rect.h()).asByteBuffer();
        byte[] luma = new byte[w * h];
        byte[] cb = new byte[w * h];
        byte[] cr = new byte[w * h];
        byte[] alpha = new byte[w * h];
        for (int row = 0; row < h; row++) {
            int srcRow = Math.min(rect.h() - 1, (int) (row / sy));
            for (int col = 0; col < w; col++) {
                int srcCol = Math.min(rect.w() - 1, (int) (col / sx));
                int c = Byte.toUnsignedInt(indices.get(srcRow * linesize + srcCol));
                if (c >= colors) {
                    continue;
                }
                int at = row * w + col;
                luma[at] = pY[c];
                cb[at] = pU[c];
                cr[at] = pV[c];
                alpha[at] = pA[c];
            }
        }
        return new Overlay(x0, y0, w, h, luma, cb, cr, alpha);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void blend(Overlay o, int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                              ByteBuffer v, int strideV) {
        for (int row = 0; row < o.h(); row++) {
            int py = o.y() + row;
            if (py >= height) {
                break;
            }
            for (int col = 0; col < o.w(); col++) {
                int px = o.x() + col;
                if (px >= width) {
                    break;
                }
                int at = row * o.w() + col;
                int a = Byte.toUnsignedInt(o.alpha()[at]);
                if (a == 0) {
                    continue;
                }
                int i = py * strideY + px;
                y.put(i, mix(y.get(i), o.luma()[at], a));
                if ((py & 1) == 0 && (px & 1) == 0) {
                    int ci = (py / 2) * strideU + px / 2;
                    u.put(ci, mix(u.get(ci), o.cb()[at], a));
                    int vi = (py / 2) * strideV + px / 2;
                    v.put(vi, mix(v.get(vi), o.cr()[at], a));
                }
            }
        }
    }

    private static byte mix(byte under, byte over, int alpha) {
        int b = Byte.toUnsignedInt(under);
        int t = Byte.toUnsignedInt(over);
        return (byte) ((t * alpha + b * (255 - alpha) + 127) / 255);
    }

    @Override
    public void close() {
        queued.clear();
        subtitle.close();
        Decoders.free(codec);
    }
}
