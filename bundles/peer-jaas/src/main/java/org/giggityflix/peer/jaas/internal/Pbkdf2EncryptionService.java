package org.giggityflix.peer.jaas.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code Pbkdf2EncryptionService} is responsible for offering {@link PasswordHash} to Karaf JAAS as the encryption
 * service named {@value #NAME}, which {@code etc/org.apache.karaf.jaas.cfg} selects
 * ({@code encryption.name = pbkdf2}): the console (SSH) and the web sign-in both check passwords through it. Karaf
 * waits up to 20 s for it at the first sign-in after a start.
 *
 * <p>It starts with the bundle (immediate) and first hashes the passwords an owner typed into users.properties in
 * plain text: Karaf's own watcher does that only if this service came up within 20 s of Karaf's realm (on a busy
 * machine it came 34 s later, and the plain passwords never signed in).
 */
@Component(service = EncryptionService.class, property = "name=" + Pbkdf2EncryptionService.NAME, immediate = true)
public final class Pbkdf2EncryptionService implements EncryptionService {

    /** The name {@code encryption.name} selects. */
    static final String NAME = "pbkdf2";

    private final Pbkdf2Encryption encryption;

    @Activate
    public Pbkdf2EncryptionService(BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        SecureRandom random = new SecureRandom();
        PasswordHash hash = new PasswordHash(random);
        this.encryption = new Pbkdf2Encryption(hash,
                new UsersFile(Path.of(etc == null ? "etc" : etc, "users.properties")),
                new RecentHashes(hash::hash, random, System::nanoTime));
        encryption.hashPlainEntries();
    }

    @Override
    public Encryption createEncryption(Map<String, String> params) {
        return encryption;
    }
}
