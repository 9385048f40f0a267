package org.giggityflix.peer.jaas.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * {@code PasswordHashTest} is responsible for proving a stored password is salted (the same password stored twice
 * looks different), slow (210,000 PBKDF2 iterations, written in the value), verifies only the right password, and
 * that a tampered or weakened value never verifies, while the unsalted SHA-256 hex of earlier releases still does.
 */
class PasswordHashTest {

    private final PasswordHash hash = new PasswordHash(new SecureRandom());

    @Test
    void theSamePasswordStoredTwiceLooksDifferentAndBothVerify() {
        String first = hash.hash("correct horse".toCharArray());
        String second = hash.hash("correct horse".toCharArray());

        assertNotEquals(first, second, "a fresh salt each time");
        assertTrue(first.startsWith("pbkdf2-sha256$210000$"), first);
        assertFalse(first.contains(",") || first.contains("=") || first.contains(":"),
                "nothing users.properties would read as syntax: " + first);
        assertTrue(PasswordHash.verify("correct horse".toCharArray(), first));
        assertTrue(PasswordHash.verify("correct horse".toCharArray(), second));
        assertTrue(PasswordHash.isCurrent(first));
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String stored = hash.hash("correct horse".toCharArray());

        assertFalse(PasswordHash.verify("correct horsf".toCharArray(), stored));
        assertFalse(PasswordHash.verify("".toCharArray(), stored));
    }

    @Test
    void aTamperedOrWeakenedValueNeverVerifies() {
        String stored = hash.hash("pw".toCharArray());
        String[] parts = stored.split("\\$");

        assertFalse(PasswordHash.verify("pw".toCharArray(), parts[0] + "$1$" + parts[2] + "$" + parts[3]),
                "one iteration is refused, not checked");
        assertFalse(PasswordHash.verify("pw".toCharArray(), parts[0] + "$" + parts[1] + "$" + parts[2] + "$AAAA"));
        assertFalse(PasswordHash.verify("pw".toCharArray(), "plain-text-pw"));
        assertFalse(PasswordHash.verify("pw".toCharArray(), "pbkdf2-sha256$x$y$z"));
    }

    @Test
    void theUnsaltedSha256OfEarlierReleasesStillVerifies() throws NoSuchAlgorithmException {
        // As bin/peer stored it before: printf '%s' 'old password' | sha256sum
        String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("old password".getBytes(StandardCharsets.UTF_8)));

        assertTrue(PasswordHash.isLegacy(legacy));
        assertFalse(PasswordHash.isCurrent(legacy));
        assertTrue(PasswordHash.verify("old password".toCharArray(), legacy));
        assertTrue(PasswordHash.verify("old password".toCharArray(), legacy.toUpperCase(Locale.ROOT)));
        assertFalse(PasswordHash.verify("old passwore".toCharArray(), legacy));
    }
}
