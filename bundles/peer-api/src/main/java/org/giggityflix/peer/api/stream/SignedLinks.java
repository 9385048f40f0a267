package org.giggityflix.peer.api.stream;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code SignedLinks} is responsible for handing out short-lived links to one file that anyone holding them may
 * fetch (direct play over HTTP), so the owner or the Edge decides who gets in. Published by the HTTP transport.
 */
@ProviderType
public interface SignedLinks {

    /**
     * A path (starting with {@code /}, relative to the peer's HTTP address) that serves the file for
     * {@code validFor}; the transport may shorten a longer validity to its own maximum.
     */
    String signedPath(long luid, Duration validFor);
}
