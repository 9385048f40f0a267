package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;
import org.junit.jupiter.api.Test;

/**
 * {@code TokenCommandsTest} is responsible for proving that {@code peer:token-add} creates tokens with the asked scope and
 * prints the secret once, {@code peer:token-list} lists them without secrets, {@code peer:token-revoke} revokes by
 * name, and each fails with the store's reason.
 */
class TokenCommandsTest {

    /** {@code MapTokens} is responsible for keeping tokens in a map the way the real store answers. */
    private static final class MapTokens implements ApiTokens {
        final Map<String, ApiToken> tokens = new LinkedHashMap<>();
        final List<String> secrets = new ArrayList<>();

        @Override
        public NewApiToken create(String name, TokenScope scope) {
            if (tokens.containsKey(name)) {
                throw new ApiTokenException("A token named '" + name + "' exists; revoke it first or choose another name.");
            }
            ApiToken t = new ApiToken(name, scope, Fakes.T0, Optional.empty());
            tokens.put(name, t);
            String secret = "gfx_secret" + secrets.size();
            secrets.add(secret);
            return new NewApiToken(t, secret);
        }

        @Override
        public List<ApiToken> list() {
            return List.copyOf(tokens.values());
        }

        @Override
        public void revoke(String name) {
            if (tokens.remove(name) == null) {
                throw new ApiTokenException("No token named '" + name + "'.");
            }
        }

        @Override
        public Optional<ApiToken> verify(String secret) {
            return Optional.empty();
        }
    }

    private final MapTokens tokens = new MapTokens();

    private TokenAddCommand add(String name, boolean readOnly) {
        TokenAddCommand c = new TokenAddCommand();
        c.tokens = tokens;
        c.name = name;
        c.readOnly = readOnly;
        return c;
    }

    private TokenListCommand list() {
        TokenListCommand c = new TokenListCommand();
        c.tokens = tokens;
        c.zone = ZoneOffset.UTC;
        return c;
    }

    private TokenRevokeCommand revoke(String name) {
        TokenRevokeCommand c = new TokenRevokeCommand();
        c.tokens = tokens;
        c.name = name;
        return c;
    }

    @Test
    void addPrintsTheSecretOnceWithItsScope() {
        String out = Fakes.output(add("prometheus", true)::run);
        assertEquals(TokenScope.READ_ONLY, tokens.tokens.get("prometheus").scope());
        assertTrue(out.contains("Token 'prometheus' (read-only) created"), out);
        assertTrue(out.contains("gfx_secret0"), out);
        String full = Fakes.output(add("backup-script", false)::run);
        assertEquals(TokenScope.FULL, tokens.tokens.get("backup-script").scope());
        assertTrue(full.contains("(full)"), full);
    }

    @Test
    void listShowsNamesScopesAndUseButNoSecret() {
        Fakes.output(add("prometheus", true)::run);
        tokens.tokens.put("script", new ApiToken("script", TokenScope.FULL, Fakes.T0,
                Optional.of(Instant.parse("2026-11-26T08:30:00Z"))));
        String out = Fakes.output(list()::run);
        assertTrue(out.contains("prometheus") && out.contains("read-only") && out.contains("never"), out);
        assertTrue(out.contains("script") && out.contains("full") && out.contains("2026-11-26 08:30"), out);
        assertTrue(out.contains("2026-11-25 10:00"), out);
        assertFalse(out.contains("gfx_"), out);
    }

    @Test
    void revokeRemovesTheToken() {
        Fakes.output(add("old", false)::run);
        String out = Fakes.output(revoke("old")::run);
        assertTrue(out.contains("Token 'old' revoked"), out);
        assertTrue(tokens.tokens.isEmpty());
    }

    @Test
    void badInputFailsWithTheReason() {
        Fakes.output(add("dup", false)::run);
        assertTrue(Fakes.failure(add("dup", false)::run).contains("A token named 'dup' exists"));
        assertTrue(Fakes.failure(revoke("nope")::run).contains("No token named 'nope'"));
        assertTrue(Fakes.failure(add(null, false)::run).contains("peer:token-add [--read-only] NAME"));
        assertTrue(Fakes.failure(revoke(" ")::run).contains("peer:token-revoke NAME"));
    }

    @Test
    void nameCompleterOffersTheTokens() {
        Fakes.output(add("prometheus", true)::run);
        Fakes.output(add("script", false)::run);
        TokenNameCompleter completer = new TokenNameCompleter();
        completer.tokens = tokens;
        assertEquals(List.of("prometheus", "script"), completer.values());
    }

    @Test
    void withoutTheServiceTheCommandSaysWhy() {
        assertTrue(Fakes.failure(new TokenAddCommand()::run).contains("no ApiTokens service"));
        assertTrue(Fakes.failure(new TokenListCommand()::run).contains("no ApiTokens service"));
        assertTrue(Fakes.failure(new TokenRevokeCommand()::run).contains("no ApiTokens service"));
    }

    @Test
    void noTokensSaysHowToMakeOne() {
        assertTrue(Fakes.output(list()::run).contains("peer:token-add [--read-only] NAME"));
    }
}
