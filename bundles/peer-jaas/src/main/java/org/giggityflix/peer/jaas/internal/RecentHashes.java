package org.giggityflix.peer.jaas.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code RecentHashes} is responsible for giving one plain-text password the same stored hash for a few minutes, so
 * that everyone hashing the plain entries of {@code users.properties} writes the same value: the peer's own pass
 * ({@link UsersFile#hashPlainEntries}) and Karaf's watcher ({@code AutoEncryptionSupport}, of which Karaf 4.4.10 can
 * run two), each of which saves its own result. Two different hashes of one password saved one after the other look
 * like a password change, and the web UI ends the sessions of that user.
 *
 * <p>Passwords are looked up by an HMAC under a key made at start and never stored, and forgotten after
 * {@link #KEEP}; the cost is that two accounts given the same password within that time get the same hash.
 */
final class RecentHashes {

    static final Duration KEEP = Duration.ofMinutes(2);

    private record Made(String hash, long atNanos) {
    }

    private final Function<char[], String> hasher;
    private final LongSupplier nanoTime;
    private final byte[] key = new byte[32];
    private final Map<String, Made> made = new HashMap<>();

    RecentHashes(Function<char[], String> hasher, SecureRandom random, LongSupplier nanoTime) {
        this.hasher = hasher;
        this.nanoTime = nanoTime;
        random.nextBytes(key);
    }

    /** The stored form of {@code password}: the one made in the last {@link #KEEP}, else a new one. */
    synchronized String hash(char[] password) {
        long now = nanoTime.getAsLong();
        made.values().removeIf(m -> now - m.atNanos() > KEEP.toNanos());
        String id = id(password);
        Made m = made.get(id);
        if (m == null) {
            m = new Made(hasher.apply(password), now);
            made.put(id, m);
        }
        return m.hash();
    }

    private String id(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
