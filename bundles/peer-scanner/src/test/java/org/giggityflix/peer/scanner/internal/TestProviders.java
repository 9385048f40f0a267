package org.giggityflix.peer.scanner.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;

/**
 * {@code TestProviders} is responsible for the hash providers the tests install: MessageDigest-backed, and
 * counting every digest started and every byte fed, so tests can prove what was (not) read.
 */
final class TestProviders {

    private TestProviders() {
    }

    /** A provider for a JCA algorithm that counts its use. */
    static final class Counting implements HashProvider {
        final AtomicInteger digestsStarted = new AtomicInteger();
        final AtomicLong bytesFed = new AtomicLong();
        private final String name;
        private final String jcaName;
        private volatile Runnable onNewDigest = () -> { };

        Counting(String name, String jcaName) {
            this.name = name;
            this.jcaName = jcaName;
        }

        void onNewDigest(Runnable hook) {
            this.onNewDigest = hook;
        }

        @Override
        public String algorithm() {
            return name;
        }

        @Override
        public HashDigest newDigest() {
            digestsStarted.incrementAndGet();
            onNewDigest.run();
            MessageDigest digest = messageDigest(jcaName);
            return new HashDigest() {
                @Override
                public void update(ByteBuffer chunk) {
                    bytesFed.addAndGet(chunk.remaining());
                    digest.update(chunk);
                }

                @Override
                public String hex() {
                    return HexFormat.of().formatHex(digest.digest());
                }
            };
        }
    }

    static Counting md5() {
        return new Counting("md5", "MD5");
    }

    static Counting sha1() {
        return new Counting("sha1", "SHA-1");
    }

    static Counting sha256() {
        return new Counting("sha256", "SHA-256");
    }

    static Map<String, Object> props(String algorithm) {
        return Map.of(HashProvider.ALGORITHM_PROPERTY, algorithm);
    }

    /** The independent computation the hasher is checked against. */
    static String digestOf(String jcaName, byte[] data) {
        return HexFormat.of().formatHex(messageDigest(jcaName).digest(data));
    }

    private static MessageDigest messageDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
