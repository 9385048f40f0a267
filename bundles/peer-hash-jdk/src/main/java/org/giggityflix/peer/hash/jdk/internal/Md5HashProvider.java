package org.giggityflix.peer.hash.jdk.internal;

import org.giggityflix.peer.api.hash.HashProvider;
import org.osgi.service.component.annotations.Component;

/** {@code Md5HashProvider} is responsible for publishing MD5 as the hash algorithm {@code md5}. */
@Component(service = HashProvider.class, property = HashProvider.ALGORITHM_PROPERTY + "=md5")
public final class Md5HashProvider extends JdkHashProvider {

    public Md5HashProvider() {
        super("md5", "MD5");
    }
}
