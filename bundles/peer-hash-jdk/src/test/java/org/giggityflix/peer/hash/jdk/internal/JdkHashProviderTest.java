package org.giggityflix.peer.hash.jdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;
import org.junit.jupiter.api.Test;

/** {@code JdkHashProviderTest} is responsible for checking the JDK providers against published test vectors. */
class JdkHashProviderTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void md5MatchesRfc1321Vectors() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", hex(new Md5HashProvider(), new byte[0]));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", hex(new Md5HashProvider(), ABC));
    }

    @Test
    void sha1MatchesFips180Vectors() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex(new Sha1HashProvider(), new byte[0]));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", hex(new Sha1HashProvider(), ABC));
    }

    @Test
    void sha256MatchesFips180Vectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hex(new Sha256HashProvider(), new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(new Sha256HashProvider(), ABC));
    }

    @Test
    void chunkedDirectBuffersGiveTheSameDigestAsOneArray() {
        byte[] data = new byte[3 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        HashDigest digest = new Sha256HashProvider().newDigest();
        for (int off = 0; off < data.length; off += 1000) {
            int len = Math.min(1000, data.length - off);
            ByteBuffer chunk = ByteBuffer.allocateDirect(len).put(data, off, len).flip();
            digest.update(chunk);
        }
        assertEquals(hex(new Sha256HashProvider(), data), digest.hex());
    }

    @Test
    void namesAreCanonicalLowerCase() {
        assertEquals("md5", new Md5HashProvider().algorithm());
        assertEquals("sha1", new Sha1HashProvider().algorithm());
        assertEquals("sha256", new Sha256HashProvider().algorithm());
    }

    private static String hex(HashProvider provider, byte[] data) {
        HashDigest digest = provider.newDigest();
        digest.update(ByteBuffer.wrap(data));
        return digest.hex();
    }
}
