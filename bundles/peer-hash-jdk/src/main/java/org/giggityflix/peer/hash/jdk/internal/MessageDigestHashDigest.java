package org.giggityflix.peer.hash.jdk.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.giggityflix.peer.api.hash.HashDigest;

/**
 * {@code MessageDigestHashDigest} is responsible for adapting one JDK {@link MessageDigest} to the peer's
 * incremental {@link HashDigest}.
 */
final class MessageDigestHashDigest implements HashDigest {

    private final MessageDigest digest;

    MessageDigestHashDigest(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void update(ByteBuffer chunk) {
        // MessageDigest reads direct buffers without copying them to the heap first.
        digest.update(chunk);
    }

    @Override
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
