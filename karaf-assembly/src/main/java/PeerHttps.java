import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PeerHttps is responsible for the HTTPS listener's certificate before the peer starts: on first start it makes a
 * self-signed one with the JDK's keytool ({@code etc/peer-https.p12}, owner-only, a random store password) and
 * turns the secure connector on in {@code etc/org.ops4j.pax.web.cfg}; when the owner names PEM files
 * ({@code HTTPS_CERT_FILE}, {@code HTTPS_KEY_FILE}: certificate chain, PKCS#8 private key) it builds the keystore
 * from them instead, again whenever they are newer. {@code HTTPS_PORT} sets the port ({@code 0} turns HTTPS off).
 * Run by bin/peer: {@code java -cp lib/peer-tools.jar PeerHttps <etc-dir>}; prints the port and the
 * certificate's SHA-256 fingerprint, which {@code peer:status} and the web UI show too.
 */
public class PeerHttps {

    static final String STORE = "peer-https.p12";
    static final String ALIAS = "peer";
    static final String ENABLED = "org.osgi.service.http.secure.enabled";
    static final String PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "org.ops4j.pax.web.ssl.keystore";
    static final String KEYSTORE_TYPE = "org.ops4j.pax.web.ssl.keystore.type";
    static final String KEYSTORE_PASSWORD = "org.ops4j.pax.web.ssl.keystore.password";
    static final String KEY_PASSWORD = "org.ops4j.pax.web.ssl.key.password";
    static final String KEY_ALIAS = "org.ops4j.pax.web.ssl.key.alias";

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Exception e) {
            // one line a person can act on, not a stack trace
            System.err.println("peer: HTTPS: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path etc) throws Exception {
        Path cfg = etc.resolve("org.ops4j.pax.web.cfg");
        Path store = etc.resolve(STORE);
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        Map<String, String> current = read(lines);
        Map<String, String> set = new LinkedHashMap<>();

        String portEnv = System.getenv().getOrDefault("HTTPS_PORT", "").trim();
        if (portEnv.equals("0") || portEnv.equalsIgnoreCase("off")) {
            set.put(ENABLED, "false");
            write(cfg, lines, set);
            System.err.println("peer: HTTPS is off (HTTPS_PORT=" + portEnv + ")");
            return;
        }
        if (!portEnv.isEmpty()) {
            int port = portEnv.matches("[0-9]{1,5}") ? Integer.parseInt(portEnv) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("HTTPS_PORT must be 1-65535 or 0 (off), not " + portEnv);
            }
            set.put(PORT, portEnv);
            set.put(ENABLED, "true");
        }
        String password = current.getOrDefault(KEYSTORE_PASSWORD, "");
        if (password.isBlank() || password.contains("${")) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        String certFile = System.getenv().getOrDefault("HTTPS_CERT_FILE", "").trim();
        String keyFile = System.getenv().getOrDefault("HTTPS_KEY_FILE", "").trim();
        boolean made = false;
        if (!certFile.isEmpty() || !keyFile.isEmpty()) {
            if (certFile.isEmpty() || keyFile.isEmpty()) {
                throw new IllegalArgumentException("set both HTTPS_CERT_FILE and HTTPS_KEY_FILE (PEM), or neither");
            }
            Path cert = Path.of(certFile);
            Path key = Path.of(keyFile);
            if (!Files.exists(store) || Files.getLastModifiedTime(cert).compareTo(Files.getLastModifiedTime(store)) > 0
                    || Files.getLastModifiedTime(key).compareTo(Files.getLastModifiedTime(store)) > 0) {
                fromPem(cert, key, store, password);
                made = true;
            }
        } else if (!Files.exists(store)) {
            generate(store, password);
            made = true;
        }
        if (made) {
            set.put(ENABLED, "true");
        }
        if (made || !current.containsKey(KEYSTORE) || !password.equals(current.get(KEYSTORE_PASSWORD))) {
            set.put(KEYSTORE, "${karaf.etc}/" + STORE);
            set.put(KEYSTORE_TYPE, "PKCS12");
            set.put(KEYSTORE_PASSWORD, password);
            set.put(KEY_PASSWORD, password);
            set.put(KEY_ALIAS, ALIAS);
        }
        if ("true".equals(set.get(ENABLED))) {
            // pax-web starts no listener at all when one port is taken: a busy HTTPS port must not cost the UI
            int port = Integer.parseInt(set.getOrDefault(PORT, current.getOrDefault(PORT, "8443")));
            if (!free(port)) {
                set.put(ENABLED, "false");
                System.err.println("peer: HTTPS port " + port + " is in use by another program; HTTPS stays off "
                        + "(start with HTTPS_PORT=<a free port> to turn it on)");
            }
        }
        write(cfg, lines, set);
        Map<String, String> now = read(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        if (Boolean.parseBoolean(now.getOrDefault(ENABLED, "false"))) {
            System.err.println("peer: HTTPS on port " + now.getOrDefault(PORT, "8443") + ", certificate SHA-256 "
                    + fingerprint(store, password));
        }
    }

    /** Whether a listener could bind {@code port} on every interface now. */
    static boolean free(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A self-signed certificate for this machine's names, ten years, EC P-256. */
    static void generate(Path store, String password) throws Exception {
        String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        StringBuilder san = new StringBuilder("SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        if (shortName.matches("[a-z0-9-]+")) {
            san.append(",dns:").append(shortName).append(",dns:").append(shortName).append(".local");
        }
        if (!host.equals(shortName) && host.matches("[a-z0-9.-]+")) {
            san.append(",dns:").append(host);
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path tmp = store.resolveSibling(STORE + ".tmp");
        Files.deleteIfExists(tmp);
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=Giggityflix peer " + shortName, "-ext", san.toString(),
                "-storetype", "PKCS12", "-keystore", tmp.toString(), "-storepass:env", "PEER_STORE_PASSWORD")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // the password travels in the environment, never on a command line other users can read
        builder.environment().put("PEER_STORE_PASSWORD", password);
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool could not make the HTTPS certificate (exit "
                    + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        ownerOnlyMove(tmp, store);
    }

    /** The owner's certificate chain and PKCS#8 key, in a PKCS#12 store pax-web reads. */
    static void fromPem(Path certFile, Path keyFile, Path store, String password) throws Exception {
        String keyPem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (keyPem.contains("BEGIN RSA PRIVATE KEY") || keyPem.contains("BEGIN EC PRIVATE KEY")
                || keyPem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException(keyFile + " is not an unencrypted PKCS#8 key; convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key.pem");
        }
        byte[] der = pemBlock(keyPem, "PRIVATE KEY");
        PrivateKey key = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new IllegalArgumentException(keyFile + ": not an RSA, EC or EdDSA private key");
        }
        List<Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certFile)) {
            chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certFile + ": no certificate found");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
        Path tmp = store.resolveSibling(STORE + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            ks.store(out, password.toCharArray());
        }
        ownerOnlyMove(tmp, store);
    }

    static String fingerprint(Path store, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static byte[] pemBlock(String pem, String type) {
        Matcher m = Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----")
                .matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + type + "' PEM block");
        }
        return Base64.getMimeDecoder().decode(m.group(1));
    }

    private static void ownerOnlyMove(Path tmp, Path target) throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code key = value} lines of a Felix .cfg (comments skipped). */
    static Map<String, String> read(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.trim();
            int eq = t.indexOf('=');
            if (t.isEmpty() || t.startsWith("#") || eq < 0) {
                continue;
            }
            values.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
        }
        return values;
    }

    /** Sets each key on its existing (or commented-out) line, else at the end; the file stays owner-only. */
    static void write(Path cfg, List<String> lines, Map<String, String> set) throws IOException {
        if (set.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            Pattern key = Pattern.compile("^#?\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$");
            String line = e.getKey() + " = " + e.getValue();
            boolean done = false;
            for (int i = 0; i < lines.size() && !done; i++) {
                if (key.matcher(lines.get(i)).matches()) {
                    lines.set(i, line);
                    done = true;
                }
            }
            if (!done) {
                lines.add(line);
            }
        }
        Path tmp = cfg.resolveSibling(cfg.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        ownerOnlyMove(tmp, cfg);
    }
}
