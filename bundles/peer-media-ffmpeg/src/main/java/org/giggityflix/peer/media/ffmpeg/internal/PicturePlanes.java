package org.giggityflix.peer.media.ffmpeg.internal;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.giggityflix.peer.api.media.DecodedFrame;

/**
 * {@code PicturePlanes} is responsible for handing a filtered I420 picture out as a {@link DecodedFrame.Picture}: its
 * planes are buffers over FFmpeg's own memory with rows top to bottom. A vertical flip leaves FFmpeg's rows
 * bottom-up (a negative line size): those are copied once into a buffer of its own, in display order. Used on one
 * reader's thread only.
 */
final class PicturePlanes {

    private ByteBuffer flipped;

    /** {@code frame} (I420) as the picture shown at {@code seconds}; valid until the frame is unreferenced. */
    DecodedFrame.Picture picture(AVFrame frame, double seconds) {
        int w = frame.width();
        int h = frame.height();
        int chromaH = (h + 1) / 2;
        ByteBuffer y = plane(frame, 0, h, 0);
        ByteBuffer u = plane(frame, 1, chromaH, y.capacity());
        ByteBuffer v = plane(frame, 2, chromaH, y.capacity() + u.capacity());
        return new DecodedFrame.Picture(ReadPosition.micros(seconds), w, h, y, Math.abs(frame.linesize(0)), u,
                Math.abs(frame.linesize(1)), v, Math.abs(frame.linesize(2)));
    }

    /** Plane {@code i} as a buffer whose rows go top to bottom. */
    private ByteBuffer plane(AVFrame frame, int i, int rows, int offset) {
        int stride = frame.linesize(i);
        BytePointer data = frame.data(i);
        if (stride >= 0) {
            return data.capacity((long) stride * rows).asByteBuffer();
        }
        int bytes = -stride;
        BytePointer lowest = new BytePointer(data).position((long) stride * (rows - 1));
        ByteBuffer memory = lowest.capacity(lowest.position() + (long) bytes * rows).asByteBuffer();
        int total = offset + bytes * rows;
        if (flipped == null || flipped.capacity() < total) {
            // Planes already handed out for this picture keep the old buffer alive through their slices.
            flipped = ByteBuffer.allocateDirect(2 * total);
        }
        ByteBuffer target = flipped.duplicate().position(offset).limit(offset + bytes * rows).slice();
        for (int row = 0; row < rows; row++) {
            ByteBuffer source = memory.duplicate();
            int at = (rows - 1 - row) * bytes;
            source.position(at).limit(at + bytes);
            target.put(source);
        }
        return target.flip();
    }
}
