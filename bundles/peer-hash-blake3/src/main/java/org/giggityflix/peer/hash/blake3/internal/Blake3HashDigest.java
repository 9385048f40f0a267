package org.giggityflix.peer.hash.blake3.internal;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.apache.commons.codec.digest.Blake3;
import org.giggityflix.peer.api.hash.HashDigest;

/**
 * {@code Blake3HashDigest} is responsible for feeding chunks of one file into a commons-codec {@link Blake3}
 * hasher and producing the 32-byte digest in lower-case hex.
 */
final class Blake3HashDigest implements HashDigest {

    /** Digest length of plain BLAKE3 hashing, in bytes. */
    static final int DIGEST_BYTES = 32;

    /** Copy window for direct buffers: Blake3 only accepts arrays, and a small reused array keeps garbage low. */
    private static final int COPY_BYTES = 64 * 1024;

    private final Blake3 hasher = Blake3.initHash();
    private byte[] copy;

    @Override
    public void update(ByteBuffer chunk) {
        if (chunk.hasArray()) {
            updateFromArray(chunk);
        } else {
            updateByCopy(chunk);
        }
    }

    @Override
    public String hex() {
        return HexFormat.of().formatHex(hasher.doFinalize(DIGEST_BYTES));
    }

    private void updateFromArray(ByteBuffer chunk) {
        int length = chunk.remaining();
        hasher.update(chunk.array(), chunk.arrayOffset() + chunk.position(), length);
        chunk.position(chunk.position() + length);
    }

    private void updateByCopy(ByteBuffer chunk) {
        if (copy == null) {
            copy = new byte[COPY_BYTES];
        }
        while (chunk.hasRemaining()) {
            int length = Math.min(copy.length, chunk.remaining());
            chunk.get(copy, 0, length);
            hasher.update(copy, 0, length);
        }
    }
}
