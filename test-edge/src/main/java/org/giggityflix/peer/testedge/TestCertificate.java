package org.giggityflix.peer.testedge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * {@code TestCertificate} is responsible for a throw-away self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1}, made with the JDK's keytool and written as PEM files, so TLS can be tested with no fixtures.
 *
 * @param certPem the certificate (what a peer trusts through GRPC_CERT_PATH)
 * @param keyPem  the PKCS#8 private key (what the test Edge serves with)
 */
public record TestCertificate(Path certPem, Path keyPem) {

    private static final char[] PASSWORD = "test-edge".toCharArray();

    /** Creates {@code name}.pem and {@code name}-key.pem in {@code dir}. */
    public static TestCertificate create(Path dir, String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool(store, name);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD);
            Key key = keys.getKey(name, PASSWORD);
            Certificate cert = keys.getCertificate(name);
            return new TestCertificate(
                    Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded())),
                    Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated key store " + store, e);
        }
    }

    private static void keytool(Path store, String alias) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
