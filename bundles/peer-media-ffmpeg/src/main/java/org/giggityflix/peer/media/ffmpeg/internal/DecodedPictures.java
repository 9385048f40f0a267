package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.giggityflix.peer.media.common.FrameScore;

/**
 * {@code DecodedPictures} is responsible for turning a decoder's native picture (any pixel format) into what the
 * capture needs: a score taken on a small luma grid (no full-size colour conversion per candidate frame), and,
 * for the one frame kept, a BGR24 copy in Java memory no wider than the width limit.
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

    /** @param maxWidth pictures wider than this come out scaled down; 0 for no limit but {@link #DECODE_WIDTH_LIMIT} */
    DecodedPictures(int maxWidth) {
        this.widthLimit = maxWidth > 0 ? Math.min(maxWidth, DECODE_WIDTH_LIMIT) : DECODE_WIDTH_LIMIT;
    }

    /**
     * Scores the picture on every {@link FrameScore#step}-th pixel of its luma (nearest-neighbour sampling, so fine
     * detail is measured as the grid sees it, not smoothed away).
     */
    FrameScore score(AVFrame picture) throws IOException {
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

    /** The picture as packed BGR24 in Java memory, scaled down (aspect kept) when wider than the limit. */
    BgrImage toBgr(AVFrame picture) throws IOException {
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
