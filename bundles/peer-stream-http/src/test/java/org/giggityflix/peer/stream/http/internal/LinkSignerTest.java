package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves signed links: valid until their expiry and not a second later, bound to their file, unforgeable without
 * the secret, and the secret made once in DATA_DIR readable by the owner only.
 */
class LinkSignerTest {

    @TempDir
    Path dataDir;

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aLinkIsValidUntilItsExpiry() throws Exception {
        LinkSigner signer = LinkSigner.load(dataDir);
        long expiry = NOW.getEpochSecond() + 600;
        String sig = signer.sign(42, expiry);
        assertEquals(LinkSigner.Verdict.VALID, signer.verify(42, expiry, sig, NOW));
        assertEquals(LinkSigner.Verdict.VALID, signer.verify(42, expiry, sig, NOW.plusSeconds(600)));
        assertEquals(LinkSigner.Verdict.EXPIRED, signer.verify(42, expiry, sig, NOW.plusSeconds(601)));
    }

    @Test
    void forgeriesAreRefused() throws Exception {
        LinkSigner signer = LinkSigner.load(dataDir);
        long expiry = NOW.getEpochSecond() + 600;
        String sig = signer.sign(42, expiry);
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(43, expiry, sig, NOW), "another file");
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(42, expiry + 86400, sig, NOW), "stretched expiry");
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(42, expiry, sig.substring(1) + "A", NOW), "edited");
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(42, expiry, "", NOW));
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(42, expiry, null, NOW));
        LinkSigner stranger = new LinkSigner(new byte[32]);
        assertEquals(LinkSigner.Verdict.FORGED, signer.verify(42, expiry, stranger.sign(42, expiry), NOW),
                "signed with another secret");
    }

    @Test
    void theSecretIsMadeOnceAndKeptPrivate() throws Exception {
        LinkSigner first = LinkSigner.load(dataDir);
        Path key = dataDir.resolve(HttpStreamConstants.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        LinkSigner again = LinkSigner.load(dataDir);
        assertEquals(first.sign(1, 2), again.sign(1, 2), "a restart keeps handed-out links working");
        Files.delete(key);
        assertNotEquals(first.sign(1, 2), LinkSigner.load(dataDir).sign(1, 2), "a new secret voids old links");
        assertTrue(first.path(7, 99).startsWith("/stream/7?exp=99&sig="));
    }
}
