package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code JaasAuthenticatorTest} is responsible for proving that a refused sign-in says why: a wrong password is 401
 * with the realm's reason in the log (never the password), a realm that cannot check is 503, and a right password
 * that was put into users.properties in plain text signs in once Karaf has hashed it instead of being called wrong.
 */
class JaasAuthenticatorTest {

    private static final String PASSWORD = "web-itest-pass";

    /**
     * The console realm as Karaf 4.4 behaves with encryption on: an entry in plain text is refused (Karaf compares
     * what is between the {CRYPT} markers), a hashed one is checked. {@code entries} are what the users file holds
     * at each look, the last one staying: Karaf's watchers hash (and save) the entry at any time.
     */
    private static final class KarafLikeRealm implements JaasAuthenticator.Realm {
        final List<String> entries;
        final AtomicInteger looks = new AtomicInteger();
        final Set<String> roles;
        final List<String> checkedAgainst = new java.util.ArrayList<>();
        LoginException refusal;

        KarafLikeRealm(Set<String> roles, String... entries) {
            this.roles = roles;
            this.entries = List.of(entries);
        }

        private String current() {
            return entries.get(Math.min(looks.get(), entries.size() - 1));
        }

        @Override
        public Set<String> login(String user, char[] password) throws LoginException {
            checkedAgainst.add(current());
            if (refusal != null) {
                throw refusal;
            }
            if (!current().startsWith("{CRYPT}") || !PASSWORD.equals(new String(password))) {
                throw new FailedLoginException("Password for " + user + " does not match");
            }
            return roles;
        }

        @Override
        public Optional<JaasAuthenticator.Stored> stored(String user) {
            String entry = entries.get(Math.min(looks.getAndIncrement(), entries.size() - 1));
            return Optional.of(new JaasAuthenticator.Stored(entry, !entry.startsWith("{CRYPT}")));
        }
    }

    private static final String HASH_1 = "{CRYPT}pbkdf2-sha256$210000$c2FsdDE$aGFzaDE{CRYPT}";
    private static final String HASH_2 = "{CRYPT}pbkdf2-sha256$210000$c2FsdDI$aGFzaDI{CRYPT}";

    private static Authenticator.Result signIn(JaasAuthenticator.Realm realm, String password, Duration wait) {
        return new JaasAuthenticator(realm, wait, Duration.ofMillis(300)).authenticate("webadmin",
                password.toCharArray());
    }

    @Test
    void aWrongPasswordIsWrongCredentialsAndTheLogSaysWhatTheRealmSaid() {
        KarafLikeRealm realm = new KarafLikeRealm(Set.of("admin"), HASH_1);
        Authenticator.Result r = signIn(realm, "guess-" + PASSWORD, Duration.ofSeconds(5));
        assertEquals(Authenticator.Outcome.WRONG_CREDENTIALS, r.outcome());
        assertEquals(WebSecurity.WRONG, r.message());
        assertEquals("javax.security.auth.login.FailedLoginException: Password for webadmin does not match",
                r.detail());
        assertFalse(r.detail().contains(PASSWORD), r.detail());
    }

    @Test
    void theRightPasswordOfAnAdminSignsIn() {
        char[] password = PASSWORD.toCharArray();
        Authenticator.Result r = new JaasAuthenticator(new KarafLikeRealm(Set.of("admin", "manager"), HASH_1),
                Duration.ofSeconds(5), Duration.ofMillis(300)).authenticate("webadmin", password);
        assertEquals(Authenticator.Outcome.OK, r.outcome());
        assertEquals(Optional.of("webadmin"), r.user());
        assertArrayEquals(new char[PASSWORD.length()], password, "the password is wiped");
    }

    @Test
    void anAccountWithoutTheAdminRoleIsRefusedAndTheLogNamesItsRoles() {
        Authenticator.Result r = signIn(new KarafLikeRealm(Set.of("viewer"), HASH_1), PASSWORD, Duration.ofSeconds(5));
        assertEquals(Authenticator.Outcome.NOT_ADMIN, r.outcome());
        assertTrue(r.detail().contains("viewer"), r.detail());
    }

    @Test
    void aRealmThatCannotCheckIsUnavailableNotAWrongPassword() {
        KarafLikeRealm realm = new KarafLikeRealm(Set.of("admin"), HASH_1);
        realm.refusal = new LoginException("No LoginModules configured for karaf");
        Authenticator.Result r = signIn(realm, PASSWORD, Duration.ofSeconds(5));
        assertEquals(Authenticator.Outcome.UNAVAILABLE, r.outcome());
        assertEquals(JaasAuthenticator.UNAVAILABLE, r.message());
        assertEquals("javax.security.auth.login.LoginException: No LoginModules configured for karaf", r.detail());

        // LoginContext wraps a module's unexpected exception with its stack trace: the log keeps the first line
        realm.refusal = new LoginException("java.lang.IllegalStateException: Encryption service pbkdf2 not found."
                + " Please check that the encryption service is correctly set up.\n\tat org.apache.karaf.jaas"
                + ".modules.encryption.EncryptionSupport.getEncryptionInternal(EncryptionSupport.java:144)\n");
        r = signIn(realm, PASSWORD, Duration.ofSeconds(5));
        assertEquals(Authenticator.Outcome.UNAVAILABLE, r.outcome());
        assertEquals("javax.security.auth.login.LoginException: java.lang.IllegalStateException: Encryption service"
                + " pbkdf2 not found. Please check that the encryption service is correctly set up.", r.detail());
    }

    @Test
    void aPlainTextPasswordSignsInOnceTheRealmHasHashedItInsteadOfBeingCalledWrong() {
        // Karaf's hasher needs a while (it waits for the encryption service, then PBKDF2 per entry): without the
        // wait this right password got 401, as ApiTokenIT's first sign-in did in clean-clone runs.
        KarafLikeRealm realm = new KarafLikeRealm(Set.of("admin"), PASSWORD, PASSWORD, PASSWORD, PASSWORD, HASH_1);
        Authenticator.Result r = signIn(realm, PASSWORD, Duration.ofSeconds(30));
        assertEquals(Authenticator.Outcome.OK, r.outcome(), r.detail());
        assertEquals(List.of(PASSWORD, HASH_1), realm.checkedAgainst,
                "tried once as it was (which makes peer-jaas hash it), then against the hash");
    }

    @Test
    void aPlainTextPasswordHashedTwiceIsCheckedAgainstTheLastHash() {
        // Two of Karaf's watchers each save their own hash of the same password: a session made against the first
        // would end when the second lands, as if the password had changed.
        KarafLikeRealm realm = new KarafLikeRealm(Set.of("admin"), PASSWORD, PASSWORD, HASH_1, HASH_2);
        Authenticator.Result r = signIn(realm, PASSWORD, Duration.ofSeconds(30));
        assertEquals(Authenticator.Outcome.OK, r.outcome(), r.detail());
        assertEquals(List.of(PASSWORD, HASH_2), realm.checkedAgainst);
    }

    @Test
    void aPlainTextPasswordNeverHashedIsUnavailableForTheRightPasswordAndWrongForAnother() {
        KarafLikeRealm realm = new KarafLikeRealm(Set.of("admin"), PASSWORD);
        Authenticator.Result right = signIn(realm, PASSWORD, Duration.ofMillis(300));
        assertEquals(Authenticator.Outcome.UNAVAILABLE, right.outcome());
        assertEquals(JaasAuthenticator.NOT_READY, right.message());
        assertTrue(right.detail().contains("plain text") && right.detail().contains("bin/peer passwd"), right.detail());
        assertFalse(right.detail().contains(PASSWORD), right.detail());
        Authenticator.Result wrong = signIn(realm, "guess", Duration.ofMillis(300));
        assertEquals(Authenticator.Outcome.WRONG_CREDENTIALS, wrong.outcome());
        assertEquals(WebSecurity.WRONG, wrong.message());
        assertEquals(List.of(PASSWORD, PASSWORD), realm.checkedAgainst, "one attempt each, as it was");
    }

    @Test
    void anUnavailableRealmAnswers503AndIsNotCountedAsAFailure() {
        Authenticator down = (user, password) -> Authenticator.Result.refused(Authenticator.Outcome.UNAVAILABLE,
                JaasAuthenticator.UNAVAILABLE, "javax.security.auth.login.LoginException: Users file not found");
        WebSecurity security = new WebSecurity(down, new Fakes.MutableClock(), Fakes.config(false, 2, 30));
        for (int i = 0; i < 5; i++) {
            WebSecurity.LoginResult r = security.login("webadmin", PASSWORD.toCharArray(), "192.168.1.20");
            assertEquals(503, r.status(), "attempt " + i);
            assertEquals(JaasAuthenticator.UNAVAILABLE, r.message());
        }
    }

    @Test
    void theRealmsSettingsAndAnEntrysFormAreReadFromTheUsersFile(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), String.join("\n",
                "# a comment = not a user",
                "admin = {CRYPT}pbkdf2-sha256$210000$c2FsdA$aGFzaA{CRYPT},_g_:admingroup",
                "webadmin = " + PASSWORD + ",_g_:admingroup",
                "short = ab",
                "_g_\\:admingroup = group,admin,manager,viewer",
                ""));
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule");
        options.put("users", users.toString());
        options.put("encryption.enabled", "true");
        options.put("encryption.prefix", "{CRYPT}");
        options.put("encryption.suffix", "{CRYPT}");
        Map<String, Object> keys = Map.of(ProxyLoginModule.PROPERTY_MODULE,
                "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule", "users", "keys.properties");
        ConsoleRealm.Storage storage = ConsoleRealm.storage(new AppConfigurationEntry[] {
                new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL, keys),
                new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL, options)})
                .orElseThrow();
        assertEquals(users, storage.usersFile());

        for (String user : List.of("webadmin", "short")) {
            assertTrue(storage.isPlain(ConsoleRealm.stored(users, user).orElseThrow()), user);
        }
        assertFalse(storage.isPlain(ConsoleRealm.stored(users, "admin").orElseThrow()));
        assertEquals(Optional.of(PASSWORD), ConsoleRealm.stored(users, "webadmin"));
        assertEquals(Optional.empty(), ConsoleRealm.stored(users, "nobody"));
        assertEquals(Optional.empty(), ConsoleRealm.stored(users, "_g_:admingroup"));

        options.put("encryption.enabled", "false");
        ConsoleRealm.Storage clear = ConsoleRealm.storage(new AppConfigurationEntry[] {
                new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL, options)})
                .orElseThrow();
        assertFalse(clear.isPlain(PASSWORD), "without encryption plain text is the stored form");
    }
}
