package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code WebSecurityTest} is responsible for proving sign-in, its rate limit and the session cookie. */
class WebSecurityTest {

    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(false, 5, 30));

    private WebSecurity.LoginResult login(String user, String password, String address) {
        return security.login(user, password.toCharArray(), address);
    }

    @Test
    void rightPasswordStartsASessionEachTimeANewOne() {
        WebSecurity.LoginResult a = login("admin", "secret", "10.0.0.1");
        WebSecurity.LoginResult b = login("admin", "secret", "10.0.0.1");
        assertEquals(200, a.status());
        assertNotEquals(a.session().orElseThrow().id(), b.session().orElseThrow().id());
        assertNotEquals(a.session().get().csrfToken(), b.session().get().csrfToken());
        assertEquals(2, security.sessionCount());
        security.logout(a.session().get());
        assertEquals(1, security.sessionCount());
    }

    @Test
    void everyWrongCredentialGetsTheSame401IncludingARightPasswordWithoutAdminRole() {
        WebSecurity.LoginResult wrongPassword = login("admin", "guess", "10.0.0.1");
        WebSecurity.LoginResult unknownUser = login("nobody", "secret", "10.0.0.2");
        WebSecurity.LoginResult notAdmin = login("viewer", "secret", "10.0.0.3");
        for (WebSecurity.LoginResult r : new WebSecurity.LoginResult[] {wrongPassword, unknownUser, notAdmin}) {
            assertEquals(401, r.status());
            assertEquals(WebSecurity.WRONG, r.message());
            assertTrue(r.session().isEmpty());
        }
        assertEquals(400, login(" ", "secret", "10.0.0.1").status());
    }

    @Test
    void fiveFailuresLockTheAddressOutWithGrowingWaitsAndOthersAreNotAffected() {
        for (int i = 0; i < 4; i++) {
            assertEquals(401, login("admin", "guess" + i, "10.0.0.1").status());
        }
        WebSecurity.LoginResult fifth = login("admin", "guess", "10.0.0.1");
        assertEquals(429, fifth.status());
        assertEquals(Duration.ofSeconds(30), fifth.retryAfter().orElseThrow());
        // locked: even the right password is not checked now
        WebSecurity.LoginResult locked = login("admin", "secret", "10.0.0.1");
        assertEquals(429, locked.status());
        assertTrue(locked.session().isEmpty());
        // another address signs in normally
        assertEquals(200, login("admin", "secret", "10.0.0.2").status());
        // after the wait one more failure doubles the lockout
        clock.advance(Duration.ofSeconds(31));
        WebSecurity.LoginResult sixth = login("admin", "guess", "10.0.0.1");
        assertEquals(429, sixth.status());
        assertEquals(Duration.ofSeconds(60), sixth.retryAfter().orElseThrow());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(200, login("admin", "secret", "10.0.0.1").status());
        // a success clears the count
        assertEquals(401, login("admin", "guess", "10.0.0.1").status());
    }

    @Test
    void cookieIsHttpOnlySameSiteStrictAndSecureOverHttps() {
        SessionStore.Session s = login("admin", "secret", "10.0.0.1").session().orElseThrow();
        String plain = WebSecurity.cookie(s, false);
        assertTrue(plain.startsWith(WebConstants.SESSION_COOKIE + "=" + s.id() + ";"));
        assertTrue(plain.contains("HttpOnly"));
        assertTrue(plain.contains("SameSite=Strict"));
        assertFalse(plain.contains("Secure"));
        assertTrue(WebSecurity.cookie(s, true).endsWith("; Secure"));
        assertTrue(WebSecurity.cookie(null, false).contains("Max-Age=0"));
    }
}
