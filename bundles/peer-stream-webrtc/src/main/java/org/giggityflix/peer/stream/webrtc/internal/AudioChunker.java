package org.giggityflix.peer.stream.webrtc.internal;

/**
 * {@code AudioChunker} is responsible for cutting decoded sound into the 10 ms chunks libwebrtc takes. Used on the
 * pump thread only.
 */
final class AudioChunker {

    private final byte[] chunk = new byte[WebRtcConstants.AUDIO_CHUNK_SAMPLES * 2];
    private int filled;

    /** Adds {@code pcm} (s16le mono), handing every chunk it completes to {@code sink}. */
    void add(byte[] pcm, FramePump.Sink sink) {
        int at = 0;
        while (at < pcm.length) {
            int n = Math.min(chunk.length - filled, pcm.length - at);
            System.arraycopy(pcm, at, chunk, filled, n);
            filled += n;
            at += n;
            if (filled == chunk.length) {
                sink.sound(chunk.clone());
                filled = 0;
            }
        }
    }

    /** Forgets a partly filled chunk (the sound moved on). */
    void clear() {
        filled = 0;
    }
}
