package org.giggityflix.peer.api.media;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code DecodedFrame} is responsible for one piece of decoded media handed out by a {@link FrameReader}: a
 * {@link Picture} or some {@link Sound}, each with its presentation time in microseconds from the start of the file.
 */
@ProviderType
public sealed interface DecodedFrame permits DecodedFrame.Picture, DecodedFrame.Sound {

    /** Presentation time, microseconds from the start of the file (the timeline of the probe's duration). */
    long timestampMicros();

    /**
     * An upright, SDR, 8-bit I420 (YUV 4:2:0, BT.709 or BT.601 limited range) picture. The planes belong to the
     * reader and are valid only until its next call: copy what you keep.
     *
     * @param width   pixels, after rotation
     * @param height  pixels, after rotation
     * @param y       luma plane, {@code strideY × height} bytes from its position
     * @param strideY bytes per luma row
     * @param u       Cb plane, {@code strideU × ceil(height/2)} bytes
     * @param strideU bytes per Cb row
     * @param v       Cr plane, {@code strideV × ceil(height/2)} bytes
     * @param strideV bytes per Cr row
     */
    record Picture(long timestampMicros, int width, int height, ByteBuffer y, int strideY, ByteBuffer u,
                   int strideU, ByteBuffer v, int strideV) implements DecodedFrame {
    }

    /**
     * PCM sound of the chosen audio track: signed 16-bit little-endian, {@link FrameOptions#AUDIO_RATE} Hz,
     * channels interleaved. The array is the receiver's.
     *
     * @param channels as asked in {@link FrameOptions#audioChannels()}
     * @param pcm      {@code samples × channels × 2} bytes
     */
    record Sound(long timestampMicros, int channels, byte[] pcm) implements DecodedFrame {

        /** Samples per channel. */
        public int samples() {
            return pcm.length / (2 * channels);
        }
    }
}
