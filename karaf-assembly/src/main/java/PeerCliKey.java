import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * PeerCliKey is responsible for making the key pairs that bin/peer uses to log in to the running peer's console,
 * so scripts and cron jobs need no password. Run by bin/peer on first start, every missing key in one JVM:
 * {@code java -cp lib/peer-tools.jar PeerCliKey <private-key-file>...}; prints each public key in keys.properties
 * form, one line per file, in the order given.
 */
public class PeerCliKey {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        for (String file : args) {
            KeyPair pair = generator.generateKeyPair();
            writeOwnerOnly(Path.of(file), pem(pair.getPrivate().getEncoded()));
            System.out.println(Base64.getEncoder().encodeToString(sshRsaBlob((RSAPublicKey) pair.getPublic())));
        }
    }

    /** PKCS#8 PEM, which the Karaf client (Apache SSHD) reads without extra libraries. */
    private static String pem(byte[] pkcs8) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** The public key as OpenSSH encodes it (RFC 4253 section 6.6). */
    private static byte[] sshRsaBlob(RSAPublicKey key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(type.length);
        out.write(type);
        writeMpint(out, key.getPublicExponent());
        writeMpint(out, key.getModulus());
        return bytes.toByteArray();
    }

    private static void writeMpint(DataOutputStream out, BigInteger value) throws IOException {
        byte[] magnitude = value.toByteArray();
        out.writeInt(magnitude.length);
        out.write(magnitude);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
