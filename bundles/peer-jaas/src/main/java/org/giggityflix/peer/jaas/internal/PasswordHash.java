package org.giggityflix.peer.jaas.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code PasswordHash} is responsible for the stored form of a console/web password: PBKDF2-HMAC-SHA256 from the JDK
 * with a random 16-byte salt per password and {@value #ITERATIONS} iterations, written as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (URL-safe Base64, no padding: no comma, colon or equals sign
 * that users.properties would read as syntax). It also recognises the unsalted SHA-256 hex of earlier releases,
 * which still verifies so the owner can sign in once and have it replaced. Only JDK classes: {@code bin/peer} runs
 * {@link #main} with the bundle jar on a plain class path to store a password while the peer is stopped.
 */
public final class PasswordHash {

    /** The scheme's name, first in every stored value. */
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a quarter of a second on the 2-core build machine. */
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Below this, a stored value is refused rather than checked: nobody writes a weaker one on purpose. */
    private static final int MIN_ITERATIONS = 10_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final SecureRandom random;

    public PasswordHash(SecureRandom random) {
        this.random = random;
    }

    /** The stored form of {@code password}, with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, ITERATIONS, HASH_BITS));
    }

    /** Whether {@code stored} is in this scheme (and so needs no upgrade). */
    static boolean isCurrent(String stored) {
        return stored.startsWith(SCHEME + "$");
    }

    /** Whether {@code stored} is the unsalted SHA-256 hex of earlier releases. */
    static boolean isLegacy(String stored) {
        return stored.length() == 64 && stored.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from; in constant time for a given stored value.
     * A value in neither form never matches.
     */
    static boolean verify(char[] password, String stored) {
        if (isLegacy(stored)) {
            byte[] expected = HexFormat.of().parseHex(stored.toLowerCase(Locale.ROOT));
            return MessageDigest.isEqual(expected, sha256(password));
        }
        Optional<Parsed> parsed = Parsed.of(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] actual = derive(password, p.salt(), p.iterations(), p.hash().length * 8);
        return MessageDigest.isEqual(p.hash(), actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(encoded.duplicate());
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    /** A stored value taken apart. */
    private record Parsed(int iterations, byte[] salt, byte[] hash) {
        static Optional<Parsed> of(String stored) {
            String[] parts = stored.split("\\$");
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                return Optional.empty();
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                Base64.Decoder b64 = Base64.getUrlDecoder();
                byte[] salt = b64.decode(parts[2]);
                byte[] hash = b64.decode(parts[3]);
                if (iterations < MIN_ITERATIONS || salt.length < 8 || hash.length < 16) {
                    return Optional.empty();
                }
                return Optional.of(new Parsed(iterations, salt, hash));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * For {@code bin/peer}: reads one password line from standard input (never the command line, which other users
     * can see in {@code ps}) and prints its stored form.
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            System.err.println("no password on standard input");
            System.exit(2);
        }
        char[] password = line.toCharArray();
        System.out.println(new PasswordHash(new SecureRandom()).hash(password));
        Arrays.fill(password, '\0');
    }
}
