package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_BITSTREAM;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_HWACCEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;


import java.io.IOException;
import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVComponentDescriptor;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.giggityflix.peer.media.common.FrameScore;
import org.giggityflix.peer.media.common.LumaGridMeter;

/**
 * {@code DecodedPictures} is responsible for turning a decoder's native picture (any pixel format) into what the
 * capture needs: a score taken on a small luma grid (read straight from the decoder's luma plane when the format
 * has one, no conversion and no per-frame allocation), and, for the one frame kept, a BGR24 copy in Java memory no
 * wider than the width limit. One instance per decoding thread.
 */
final class DecodedPictures implements AutoCloseable {

    /** Widest frame handed to Java: 4K UHD. */
    static final int DECODE_WIDTH_LIMIT = 3840;

    /** sws_scale reads four plane pointers and strides even for one-plane formats. */
    private static final int PLANES = 4;

    private final int widthLimit;
    private SwsContext lumaContext;
    private SwsContext colourContext;
    private BytePointer lumaBuffer;
    private byte[] luma = new byte[0];

    /** The stream's display rotation, applied to the kept frame. */
    private final DisplayRotation rotation;

    /** @param maxWidth pictures wider than this come out scaled down; 0 for no limit but {@link #DECODE_WIDTH_LIMIT} */
    DecodedPictures(int maxWidth) {
        this(maxWidth, DisplayRotation.NONE);
    }

    /** The same for a stream whose pictures are turned upright by {@code rotation}. */
    DecodedPictures(int maxWidth, DisplayRotation rotation) {
        this.widthLimit = maxWidth > 0 ? Math.min(maxWidth, DECODE_WIDTH_LIMIT) : DECODE_WIDTH_LIMIT;
        this.rotation = rotation;
    }

    /** How a pixel format's luma can be read: straight from plane 0, with or without range expansion, or not. */
    private enum LumaPlane { FULL_RANGE, LIMITED_RANGE, NONE }

    /** Limited-range (16–235) luma is stretched to 0–255 by this factor, as FFmpeg's GRAY8 conversion does. */
    private static final double LIMITED_TO_FULL = 255.0 / 219.0;

    private final LumaGridMeter meter = new LumaGridMeter();
    private byte[] row = new byte[0];
    private int knownFormat = Integer.MIN_VALUE;
    private LumaPlane knownPlane = LumaPlane.NONE;

    /**
     * Scores the picture on every {@link FrameScore#step}-th pixel of every {@link FrameScore#step}-th row of its
     * luma (the same ~640-wide nearest-neighbour grid as {@link #scoreByScaling}, so fine detail is measured as the
     * grid sees it, not smoothed away). Formats whose plane 0 is 8-bit luma (YUV 4:2:0/4:2:2/4:4:4, NV12, GRAY8 …:
     * what H.264, HEVC, MPEG-4 and VP9 decoders give) are read in place, one sampled row at a time; other formats
     * (RGB, 10-bit, palettes) go through FFmpeg's GRAY8 conversion. Limited-range luma is put on the 0–255 scale
     * that conversion gives, so the black and flat thresholds mean the same on either path.
     */
    FrameScore score(AVFrame picture) throws IOException {
        LumaPlane plane = lumaPlane(picture.format());
        int width = picture.width();
        int stride = picture.linesize(0);
        if (plane == LumaPlane.NONE || stride < width || picture.data(0) == null) {
            return scoreByScaling(picture);
        }
        int height = picture.height();
        int step = FrameScore.step(width);
        int gridWidth = Math.max(1, width / step);
        int gridHeight = Math.max(1, height / step);
        // The middle pixel of each step x step cell, as FFmpeg's nearest-neighbour scaler picks it.
        int centre = step / 2;
        int span = (gridWidth - 1) * step + 1;
        if (row.length < span) {
            row = new byte[span];
        }
        BytePointer luma = picture.data(0);
        meter.start(gridWidth, gridHeight);
        for (int y = 0; y < gridHeight; y++) {
            luma.position((long) (y * step + centre) * stride + centre).get(row, 0, span);
            meter.addRow(row, 0, step);
        }
        FrameScore score = meter.finish();
        if (plane == LumaPlane.FULL_RANGE) {
            return score;
        }
        return new FrameScore(score.sharpness() * LIMITED_TO_FULL * LIMITED_TO_FULL,
                Math.max(0, (score.mean() - 16) * LIMITED_TO_FULL), score.deviation() * LIMITED_TO_FULL);
    }

    /**
     * Scores the picture on a GRAY8 grid made by FFmpeg ({@code sws_scale}, nearest neighbour): any pixel format,
     * at the cost of a conversion and a copy per frame.
     */
    FrameScore scoreByScaling(AVFrame picture) throws IOException {
        int width = picture.width();
        int height = picture.height();
        int step = FrameScore.step(width);
        int gridWidth = Math.max(1, width / step);
        int gridHeight = Math.max(1, height / step);
        lumaContext = sws_getCachedContext(lumaContext, width, height, picture.format(), gridWidth, gridHeight,
                AV_PIX_FMT_GRAY8, SWS_POINT, null, null, (DoublePointer) null);
        if (lumaContext == null) {
            throw new IOException("FFmpeg cannot read the luma of pixel format " + picture.format());
        }
        int size = gridWidth * gridHeight;
        if (lumaBuffer == null || lumaBuffer.capacity() < size) {
            if (lumaBuffer != null) {
                lumaBuffer.close();
            }
            lumaBuffer = new BytePointer(size);
            luma = new byte[size];
        }
        convert(lumaContext, picture, lumaBuffer, gridWidth);
        lumaBuffer.position(0).get(luma, 0, size);
        return FrameScore.ofLumaPlane(ByteBuffer.wrap(luma), gridWidth, gridHeight, gridWidth);
    }

    /**
     * Whether plane 0 of {@code format} is 8-bit luma, one byte per pixel, and on which scale: YUVJ formats and
     * GRAY8 are full range (FFmpeg's convention), other YUV formats limited range.
     */
    private LumaPlane lumaPlane(int format) {
        if (format == knownFormat) {
            return knownPlane;
        }
        LumaPlane plane = LumaPlane.NONE;
        AVPixFmtDescriptor descriptor = format < 0 ? null : av_pix_fmt_desc_get(format);
        if (descriptor != null && !descriptor.isNull() && descriptor.nb_components() >= 1
                && (descriptor.flags() & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_HWACCEL
                        | AV_PIX_FMT_FLAG_BITSTREAM)) == 0) {
            AVComponentDescriptor y = descriptor.comp(0);
            if (y.plane() == 0 && y.depth() == 8 && y.step() == 1 && y.offset() == 0 && y.shift() == 0) {
                String name = descriptor.name().getString();
                boolean full = name.startsWith("yuvj") || descriptor.nb_components() <= 2;
                plane = full ? LumaPlane.FULL_RANGE : LumaPlane.LIMITED_RANGE;
            }
        }
        knownFormat = format;
        knownPlane = plane;
        return plane;
    }

    /**
     * The picture as packed BGR24 in Java memory, upright (the stream's display rotation), tone-mapped to SDR when it
     * is PQ or HLG (see {@link PictureFilter}), scaled down (aspect kept) when wider than the limit.
     */
    BgrImage toBgr(AVFrame picture) throws IOException {
        if (rotation.filters().isEmpty() && !PictureFilter.isHdr(picture.color_trc())) {
            return toBgrAsIs(picture);
        }
        AVFrame upright = av_frame_alloc();
        try (AVRational timeBase = new AVRational().num(1).den(90_000);
             PictureFilter filter = PictureFilter.create(picture, timeBase, rotation,
                     PictureFilter.ToneMap.QUALITY, "yuv420p", 0)) {
            filter.push(picture);
            filter.flush();
            if (!filter.pull(upright)) {
                throw new IOException("FFmpeg's picture filters (" + filter.description() + ") gave no picture");
            }
            return toBgrAsIs(upright);
        } finally {
            av_frame_free(upright);
        }
    }

    private BgrImage toBgrAsIs(AVFrame picture) throws IOException {
        int width = picture.width();
        int height = picture.height();
        int outWidth = width;
        int outHeight = height;
        if (width > widthLimit) {
            outWidth = widthLimit;
            outHeight = Math.max(1, (int) Math.round((double) height * widthLimit / width));
        }
        colourContext = sws_getCachedContext(colourContext, width, height, picture.format(), outWidth, outHeight,
                AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (colourContext == null) {
            throw new IOException("FFmpeg cannot convert pixel format " + picture.format() + " to BGR");
        }
        int rowBytes = outWidth * 3;
        int stride = (rowBytes + 63) & ~63; // aligned rows keep swscale on its fast path
        byte[] bgr = new byte[rowBytes * outHeight];
        try (BytePointer target = new BytePointer((long) stride * outHeight)) {
            convert(colourContext, picture, target, stride);
            for (int y = 0; y < outHeight; y++) {
                target.position((long) y * stride).get(bgr, y * rowBytes, rowBytes);
            }
        }
        return new BgrImage(outWidth, outHeight, bgr);
    }

    private static void convert(SwsContext context, AVFrame picture, BytePointer target, int stride) {
        try (PointerPointer<BytePointer> planes = new PointerPointer<>(PLANES);
             IntPointer strides = new IntPointer(PLANES)) {
            for (int i = 0; i < PLANES; i++) {
                planes.put(i, i == 0 ? target.position(0) : (Pointer) null);
                strides.put(i, i == 0 ? stride : 0);
            }
            sws_scale(context, new PointerPointer<>(picture), picture.linesize(), 0, picture.height(), planes,
                    strides);
        }
    }

    @Override
    public void close() {
        if (lumaContext != null) {
            sws_freeContext(lumaContext);
            lumaContext = null;
        }
        if (colourContext != null) {
            sws_freeContext(colourContext);
            colourContext = null;
        }
        if (lumaBuffer != null) {
            lumaBuffer.close();
            lumaBuffer = null;
        }
    }
}
