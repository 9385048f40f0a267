package org.giggityflix.peer.api.hash;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code HashProvider} is responsible for one hash algorithm. Publish one service per algorithm with the
 * service property {@code algorithm=<name>}; the hasher feeds every requested provider from a single read.
 */
@ConsumerType
public interface HashProvider {

    /** Service property carrying {@link #algorithm()}. */
    String ALGORITHM_PROPERTY = "algorithm";

    /** Canonical lower-case name, e.g. {@code md5}, {@code sha1}, {@code blake3}. */
    String algorithm();

    /** A fresh digest; each is used by one thread for one file. */
    HashDigest newDigest();
}
