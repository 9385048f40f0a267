package org.giggityflix.peer.api.hash;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ConsumerType;

/** An incremental digest over one file: {@link #update} for each chunk, then {@link #hex()} once. */
@ConsumerType
public interface HashDigest {

    /** Consumes the remaining bytes of {@code chunk}. */
    void update(ByteBuffer chunk);

    /** The digest in lower-case hex; the digest is finished afterwards. */
    String hex();
}
