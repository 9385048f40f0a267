package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.giggityflix.peer.web.internal.RequestGuard.Verdict;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SignInRulesTest} is responsible for proving the sign-in and session rules an attacker would try: parallel
 * guessing, guessing one account from many addresses, a cookie replayed from outside the home network, a stolen
 * cookie after a password change, and sessions that end however busy they are.
 */
class SignInRulesTest {

    private final Fakes.MutableClock clock = new Fakes.MutableClock();

    private static RequestGuard.Request get(String sessionId, String from, boolean home) {
        return new RequestGuard.Request("GET", "/api/v1/status", null, from, -1, sessionId, null, "application/json",
                null, "peer:8080", home);
    }

    @Test
    void twoHundredParallelWrongPasswordsGetNoMoreTriesThanTheLimit() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(1);
        Authenticator slow = (user, password) -> {
            checked.incrementAndGet();
            try {
                allStarted.await(2, TimeUnit.SECONDS); // every attempt is in flight before any is counted as failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Authenticator.Result.refused(Authenticator.Outcome.WRONG_CREDENTIALS, "no");
        };
        WebSecurity security = new WebSecurity(slow, clock, Fakes.config(false, 5, 30));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<WebSecurity.LoginResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> security.login("admin", "guess".toCharArray(), "192.168.1.66")));
            }
            int refusedUnchecked = 0;
            Thread.sleep(50);
            allStarted.countDown();
            for (Future<WebSecurity.LoginResult> f : results) {
                WebSecurity.LoginResult r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.status() == 401 || r.status() == 429, "status " + r.status());
                if (r.status() == 429) {
                    refusedUnchecked++;
                }
            }
            assertTrue(checked.get() <= 5, "passwords checked: " + checked.get());
            assertTrue(refusedUnchecked >= 195, "429s: " + refusedUnchecked);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneAccountGuessedFromManyAddressesIsLockedToo() {
        WebSecurity security = new WebSecurity(Fakes.authenticator(), clock,
                Fakes.config(Map.of("accountFailuresBeforeLockout", 3, "loginFailuresBeforeLockout", 5)));
        assertEquals(401, security.login("admin", "a".toCharArray(), "192.168.1.1").status());
        assertEquals(401, security.login("admin", "b".toCharArray(), "192.168.1.2").status());
        assertEquals(429, security.login("admin", "c".toCharArray(), "192.168.1.3").status());
        // the right password from a fresh address waits too: the account is locked
        assertEquals(429, security.login("admin", "secret".toCharArray(), "192.168.1.4").status());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(200, security.login("admin", "secret".toCharArray(), "192.168.1.4").status());
    }

    @Test
    void aCookieFromAHomeSignInIsRefusedFromOutside() {
        WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(Map.of()));
        Session s = security.login("admin", "secret".toCharArray(), "192.168.1.20", true).session().orElseThrow();
        assertEquals(Verdict.ALLOW, security.decide(get(s.id(), "192.168.1.20", true)).verdict());
        // replayed from the internet (only reachable at all with remote administration over HTTPS)
        assertEquals(401, security.decide(get(s.id(), "203.0.113.9", false)).status());
        // the owner at home is not signed out by it
        assertEquals(Verdict.ALLOW, security.decide(get(s.id(), "192.168.1.20", true)).verdict());
    }

    @Test
    void aPasswordChangeSignsOutEverySessionOfThatUser(@TempDir Path etc) throws Exception {
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "# users\nadmin = {CRYPT}aaaa{CRYPT},_g_:admingroup\nother = x,_g_:admingroup\n");
        WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(Map.of()),
                Credentials.usersFile(users), HostNames.system(clock));
        Session laptop = security.login("admin", "secret".toCharArray(), "192.168.1.20", true).session().orElseThrow();
        Session stolen = security.login("admin", "secret".toCharArray(), "192.168.1.66", true).session().orElseThrow();
        assertEquals(Verdict.ALLOW, security.decide(get(stolen.id(), "192.168.1.66", true)).verdict());
        // bin/peer passwd rewrites the file (same length, new content)
        Path tmp = etc.resolve("users.properties.tmp");
        Files.writeString(tmp, "# users\nadmin = {CRYPT}bbbb{CRYPT},_g_:admingroup\nother = x,_g_:admingroup\n");
        Files.move(tmp, users, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(401, security.decide(get(stolen.id(), "192.168.1.66", true)).status());
        assertEquals(401, security.decide(get(laptop.id(), "192.168.1.20", true)).status());
        assertEquals(0, security.sessionCount());
        // signing in again with the new password works
        Session fresh = security.login("admin", "secret".toCharArray(), "192.168.1.20", true).session().orElseThrow();
        assertEquals(Verdict.ALLOW, security.decide(get(fresh.id(), "192.168.1.20", true)).verdict());
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeEvenWhenUsedAllTheTime() {
        WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(Map.of("sessionMaxHours", 2)));
        Session s = security.login("admin", "secret".toCharArray(), "192.168.1.20", true).session().orElseThrow();
        for (int i = 0; i < 11; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertEquals(Verdict.ALLOW, security.decide(get(s.id(), "192.168.1.20", true)).verdict(), "at " + i);
        }
        clock.advance(Duration.ofMinutes(10));
        assertEquals(401, security.decide(get(s.id(), "192.168.1.20", true)).status());
    }
}
