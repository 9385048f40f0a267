package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;

import org.giggityflix.peer.api.web.WebAccess;

/**
 * {@code HttpsCertificate} is responsible for reading the certificate the HTTPS listener presents from the keystore
 * pax-web is configured with, and giving its SHA-256 fingerprint the way browsers show it.
 */
final class HttpsCertificate {

    private HttpsCertificate() {
    }

    /** The listener's certificate: the entry named {@code alias}, or the first key entry when none is named. */
    static WebAccess.Https read(int port, Path store, String type, String password, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type == null || type.isBlank() ? "PKCS12" : type);
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        String name = alias;
        if (name == null || name.isBlank() || !ks.containsAlias(name)) {
            name = null;
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    name = a;
                    break;
                }
            }
        }
        Certificate cert = name == null ? null : ks.getCertificate(name);
        if (!(cert instanceof X509Certificate x509)) {
            throw new GeneralSecurityException("no X.509 key entry in " + store);
        }
        return new WebAccess.Https(port, fingerprint(x509), x509.getSubjectX500Principal().getName(),
                x509.getNotAfter().toInstant());
    }

    static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }
}
