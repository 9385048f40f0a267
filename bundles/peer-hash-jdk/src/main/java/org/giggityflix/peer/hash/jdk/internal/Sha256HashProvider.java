package org.giggityflix.peer.hash.jdk.internal;

import org.giggityflix.peer.api.hash.HashProvider;
import org.osgi.service.component.annotations.Component;

/** {@code Sha256HashProvider} is responsible for publishing SHA-256 as the hash algorithm {@code sha256}. */
@Component(service = HashProvider.class, property = HashProvider.ALGORITHM_PROPERTY + "=sha256")
public final class Sha256HashProvider extends JdkHashProvider {

    public Sha256HashProvider() {
        super("sha256", "SHA-256");
    }
}
