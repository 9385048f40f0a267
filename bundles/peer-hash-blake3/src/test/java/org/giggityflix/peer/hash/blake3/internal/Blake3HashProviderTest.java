package org.giggityflix.peer.hash.blake3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.giggityflix.peer.api.hash.HashDigest;
import org.junit.jupiter.api.Test;

/**
 * {@code Blake3HashProviderTest} is responsible for checking the provider against the official BLAKE3 test vectors
 * (BLAKE3-team/BLAKE3 test_vectors.json: input byte i is {@code i % 251}, 32-byte hash shown).
 */
class Blake3HashProviderTest {

    @Test
    void emptyInput() {
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", hex(vector(0), false));
    }

    @Test
    void oneByte() {
        assertEquals("2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213", hex(vector(1), false));
    }

    @Test
    void moreThanOneChunkFromDirectBuffers() {
        // 1025 bytes crosses BLAKE3's 1024-byte chunk boundary, exercising the tree mode.
        assertEquals("d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444", hex(vector(1025), true));
    }

    @Test
    void heapAndDirectBuffersAgreeOnLargeInput() {
        byte[] data = vector(300_000);
        assertEquals(hex(data, false), hex(data, true));
    }

    @Test
    void nameIsBlake3() {
        assertEquals("blake3", new Blake3HashProvider().algorithm());
    }

    private static byte[] vector(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % 251);
        }
        return data;
    }

    /** Hashes in uneven pieces, as a file read would deliver them. */
    private static String hex(byte[] data, boolean direct) {
        HashDigest digest = new Blake3HashProvider().newDigest();
        int step = 777;
        for (int off = 0; off < data.length; off += step) {
            int len = Math.min(step, data.length - off);
            ByteBuffer chunk = direct ? ByteBuffer.allocateDirect(len).put(data, off, len).flip()
                    : ByteBuffer.wrap(data, off, len);
            digest.update(chunk);
        }
        if (data.length == 0) {
            digest.update(ByteBuffer.allocate(0));
        }
        return digest.hex();
    }
}
