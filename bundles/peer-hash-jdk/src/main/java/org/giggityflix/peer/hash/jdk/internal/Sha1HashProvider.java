package org.giggityflix.peer.hash.jdk.internal;

import org.giggityflix.peer.api.hash.HashProvider;
import org.osgi.service.component.annotations.Component;

/** {@code Sha1HashProvider} is responsible for publishing SHA-1 as the hash algorithm {@code sha1}. */
@Component(service = HashProvider.class, property = HashProvider.ALGORITHM_PROPERTY + "=sha1")
public final class Sha1HashProvider extends JdkHashProvider {

    public Sha1HashProvider() {
        super("sha1", "SHA-1");
    }
}
