package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TokenStoreTest} is responsible for proving that API tokens verify with their secret only, are stored
 * hashed in an owner-only file that survives a restart, end when revoked, and that bad names and an unwritable
 * folder are refused with nothing changed.
 */
class TokenStoreTest {

    @TempDir
    Path dir;

    private final Fakes.MutableClock clock = new Fakes.MutableClock();

    private TokenStore store() {
        return new TokenStore(dir.resolve(TokenStore.FILE_NAME), clock);
    }

    @Test
    void aNewTokenVerifiesWithItsSecretAndNothingElse() {
        TokenStore store = store();
        NewApiToken made = store.create("prometheus", TokenScope.READ_ONLY);
        assertTrue(TokenStore.SECRET.matcher(made.secret()).matches(), made.secret());
        assertEquals("prometheus", store.verify(made.secret()).orElseThrow().name());
        assertEquals(TokenScope.READ_ONLY, store.verify(made.secret()).orElseThrow().scope());
        // one character changed, another token's format, garbage, nothing
        char last = made.secret().charAt(made.secret().length() - 1);
        String wrong = made.secret().substring(0, made.secret().length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(store.verify(wrong).isEmpty());
        assertTrue(store.verify(made.secret() + "x").isEmpty());
        assertTrue(store.verify("gfx_").isEmpty());
        assertTrue(store.verify("").isEmpty());
        assertTrue(store.verify(null).isEmpty());
        assertFalse(made.toString().contains(made.secret()), "a NewApiToken never prints its secret");
    }

    @Test
    void theFileHoldsOnlyAHashAndIsOwnerOnly() throws Exception {
        NewApiToken made = store().create("script", TokenScope.FULL);
        Path file = dir.resolve(TokenStore.FILE_NAME);
        String text = Files.readString(file);
        assertFalse(text.contains(made.secret()), text);
        assertFalse(text.contains(made.secret().substring(TokenStore.PREFIX.length())), text);
        assertTrue(text.contains(TokenStore.hash(made.secret())), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void tokensSurviveARestartAndRevokedOnesDoNot() {
        TokenStore first = store();
        NewApiToken keep = first.create("keep", TokenScope.FULL);
        NewApiToken gone = first.create("gone", TokenScope.READ_ONLY);
        first.revoke("gone");
        assertTrue(first.verify(gone.secret()).isEmpty(), "revoked at once");

        TokenStore again = store();
        assertEquals(List.of("keep"), again.list().stream().map(ApiToken::name).toList());
        assertEquals(TokenScope.FULL, again.verify(keep.secret()).orElseThrow().scope());
        assertTrue(again.verify(gone.secret()).isEmpty());
    }

    @Test
    void lastUseIsRecordedAndKeptToTheMinute() {
        TokenStore store = store();
        NewApiToken made = store.create("prometheus", TokenScope.READ_ONLY);
        assertTrue(store.list().get(0).lastUsed().isEmpty());
        clock.advance(Duration.ofSeconds(5));
        store.verify(made.secret());
        assertEquals(clock.now, store.list().get(0).lastUsed().orElseThrow());
        clock.advance(Duration.ofSeconds(15));
        store.verify(made.secret());
        assertEquals(clock.now.minusSeconds(15), store().list().get(0).lastUsed().orElseThrow(),
                "a use within the minute does not rewrite the file");
        clock.advance(Duration.ofMinutes(2));
        store.verify(made.secret());
        assertEquals(clock.now, store().list().get(0).lastUsed().orElseThrow());
    }

    @Test
    void badOrTakenNamesAreRefused() {
        TokenStore store = store();
        store.create("taken", TokenScope.FULL);
        for (String bad : new String[] {"", " ", "has space", "slash/x", "a\tb", "x".repeat(65), "ünï"}) {
            ApiTokenException e = assertThrows(ApiTokenException.class, () -> store.create(bad, TokenScope.FULL));
            assertTrue(e.getMessage().contains("1 to 64 letters"), e.getMessage());
        }
        assertTrue(assertThrows(ApiTokenException.class, () -> store.create("taken", TokenScope.READ_ONLY))
                .getMessage().contains("exists"));
        assertTrue(assertThrows(ApiTokenException.class, () -> store.revoke("unknown")).getMessage()
                .contains("No token named 'unknown'"));
        assertEquals(1, store.list().size());
    }

    @Test
    void aFolderThatCannotBeWrittenRefusesTheChangeAndKeepsTheTokens() throws Exception {
        // The folder replaced by a plain file: every write fails, as on a read-only or vanished disk (and this works
        // as root, whom permission bits do not stop).
        Path folder = dir.resolve("data");
        TokenStore store = new TokenStore(folder.resolve(TokenStore.FILE_NAME), clock);
        NewApiToken kept = store.create("kept", TokenScope.FULL);
        Files.delete(folder.resolve(TokenStore.FILE_NAME));
        Files.delete(folder);
        Files.writeString(folder, "not a folder");
        ApiTokenException e = assertThrows(ApiTokenException.class, () -> store.create("new", TokenScope.FULL));
        assertTrue(e.getMessage().startsWith("cannot write the API tokens to " + folder), e.getMessage());
        assertEquals(List.of("kept"), store.list().stream().map(ApiToken::name).toList());
        assertThrows(ApiTokenException.class, () -> store.revoke("kept"));
        assertTrue(store.verify(kept.secret()).isPresent(), "a failed revoke leaves the token working");
    }

    @Test
    void damagedLinesAreSkippedNotFatal() throws Exception {
        NewApiToken good = store().create("good", TokenScope.FULL);
        Path file = dir.resolve(TokenStore.FILE_NAME);
        Files.writeString(file, Files.readString(file) + "garbage line\nbad\tSCOPE\tx\t-\tzz\n");
        TokenStore again = store();
        assertEquals(List.of("good"), again.list().stream().map(ApiToken::name).toList());
        assertTrue(again.verify(good.secret()).isPresent());
    }
}
