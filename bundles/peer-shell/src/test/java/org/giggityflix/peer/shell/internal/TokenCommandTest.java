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
 * {@code TokenCommandTest} is responsible for proving that {@code peer:token} creates tokens with the asked scope and
 * prints the secret once, lists them without secrets, revokes by name, and fails with the store's reason.
 */
class TokenCommandTest {

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

    private TokenCommand command(String action, String name, boolean readOnly) {
        TokenCommand c = new TokenCommand();
        c.tokens = tokens;
        c.action = action;
        c.words = name == null ? new ArrayList<>() : new ArrayList<>(List.of(name));
        c.readOnly = readOnly;
        c.zone = ZoneOffset.UTC;
        return c;
    }

    @Test
    void addPrintsTheSecretOnceWithItsScope() {
        String out = Fakes.output(command("add", "prometheus", true)::run);
        assertEquals(TokenScope.READ_ONLY, tokens.tokens.get("prometheus").scope());
        assertTrue(out.contains("Token 'prometheus' (read-only) created"), out);
        assertTrue(out.contains("gfx_secret0"), out);
        String full = Fakes.output(command("add", "backup-script", false)::run);
        assertEquals(TokenScope.FULL, tokens.tokens.get("backup-script").scope());
        assertTrue(full.contains("(full)"), full);
    }

    @Test
    void listShowsNamesScopesAndUseButNoSecret() {
        Fakes.output(command("add", "prometheus", true)::run);
        tokens.tokens.put("script", new ApiToken("script", TokenScope.FULL, Fakes.T0,
                Optional.of(Instant.parse("2026-11-26T08:30:00Z"))));
        String out = Fakes.output(command("list", null, false)::run);
        assertTrue(out.contains("prometheus") && out.contains("read-only") && out.contains("never"), out);
        assertTrue(out.contains("script") && out.contains("full") && out.contains("2026-11-26 08:30"), out);
        assertTrue(out.contains("2026-11-25 10:00"), out);
        assertFalse(out.contains("gfx_"), out);
    }

    @Test
    void revokeRemovesTheToken() {
        Fakes.output(command("add", "old", false)::run);
        String out = Fakes.output(command("revoke", "old", false)::run);
        assertTrue(out.contains("Token 'old' revoked"), out);
        assertTrue(tokens.tokens.isEmpty());
    }

    @Test
    void badInputFailsWithTheReason() {
        Fakes.output(command("add", "dup", false)::run);
        assertTrue(Fakes.failure(command("add", "dup", false)::run).contains("A token named 'dup' exists"));
        assertTrue(Fakes.failure(command("revoke", "nope", false)::run).contains("No token named 'nope'"));
        assertTrue(Fakes.failure(command("add", null, false)::run).contains("peer:token add NAME"));
        assertTrue(Fakes.failure(command("rotate", "x", false)::run).contains("Unknown action 'rotate'"));
    }

    @Test
    void readOnlyMayFollowTheName() {
        TokenCommand c = command("add", null, false);
        c.words = new ArrayList<>(List.of("prometheus", "--read-only"));
        Fakes.output(c::run);
        assertEquals(TokenScope.READ_ONLY, tokens.tokens.get("prometheus").scope());
        TokenCommand two = command("add", null, false);
        two.words = new ArrayList<>(List.of("a", "b"));
        assertTrue(Fakes.failure(two::run).contains("One token name at a time"));
        TokenCommand unknown = command("add", null, false);
        unknown.words = new ArrayList<>(List.of("x", "--forever"));
        assertTrue(Fakes.failure(unknown::run).contains("Unknown option '--forever'"));
        assertEquals(1, tokens.tokens.size());
    }

    @Test
    void withoutTheServiceTheCommandSaysWhy() {
        assertTrue(Fakes.failure(new TokenCommand()::run).contains("no ApiTokens service"));
    }

    @Test
    void noTokensSaysHowToMakeOne() {
        assertTrue(Fakes.output(command("list", null, false)::run).contains("peer:token add NAME"));
    }
}
