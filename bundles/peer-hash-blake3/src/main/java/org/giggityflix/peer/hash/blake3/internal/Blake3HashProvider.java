package org.giggityflix.peer.hash.blake3.internal;

import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;
import org.osgi.service.component.annotations.Component;

/** {@code Blake3HashProvider} is responsible for publishing BLAKE3 (32-byte output) as the algorithm {@code blake3}. */
@Component(service = HashProvider.class, property = HashProvider.ALGORITHM_PROPERTY + "=" + Blake3HashProvider.NAME)
public final class Blake3HashProvider implements HashProvider {

    static final String NAME = "blake3";

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public HashDigest newDigest() {
        return new Blake3HashDigest();
    }
}
