package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * {@code ConsoleRealm} is responsible for the console's JAAS realm {@code karaf} as the web sign-in sees it: a
 * {@link LoginContext} with a name/password callback, and a look at the users file the realm's properties module reads
 * (its {@code users} option, {@code etc/users.properties}) to tell whether an entry is still in plain text while the
 * realm stores hashes ({@code encryption.enabled}, between {@code encryption.prefix} and {@code encryption.suffix}).
 */
final class ConsoleRealm implements JaasAuthenticator.Realm {

    private static final String PROPERTIES_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
    private static final String GROUP_PREFIX = "_g_:";

    /** The realm's properties module settings that matter here. */
    record Storage(Path usersFile, boolean encrypted, String prefix, String suffix) {

        /**
         * True when {@code stored} (an entry's password field) is not flagged as encrypted, by the test Karaf's
         * hasher ({@code AutoEncryptionSupport}) uses to pick the entries it hashes.
         */
        boolean isPlain(String stored) {
            return encrypted && !(stored.startsWith(prefix) && stored.endsWith(suffix));
        }
    }

    @Override
    public Set<String> login(String user, char[] password) throws LoginException {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads the realm's module class (Karaf's proxy) through the context class loader.
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(WebConstants.REALM, subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            Set<String> roles = new LinkedHashSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof RolePrincipal role) {
                    roles.add(role.getName());
                }
            }
            login.logout();
            return roles;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Optional<JaasAuthenticator.Stored> stored(String user) {
        return storage().flatMap(s -> stored(s.usersFile(), user)
                .map(value -> new JaasAuthenticator.Stored(value, s.isPlain(value))));
    }

    /** The realm's properties module settings, from the JAAS configuration Karaf installs; empty without one. */
    static Optional<Storage> storage() {
        AppConfigurationEntry[] entries;
        try {
            entries = Configuration.getConfiguration().getAppConfigurationEntry(WebConstants.REALM);
        } catch (SecurityException e) {
            return Optional.empty();
        }
        return entries == null ? Optional.empty() : storage(entries);
    }

    static Optional<Storage> storage(AppConfigurationEntry[] entries) {
        for (AppConfigurationEntry entry : entries) {
            Map<String, ?> options = entry.getOptions();
            if (PROPERTIES_MODULE.equals(options.get(ProxyLoginModule.PROPERTY_MODULE))
                    && options.get("users") != null) {
                return Optional.of(new Storage(Path.of(options.get("users").toString()),
                        Boolean.parseBoolean(String.valueOf(options.get("encryption.enabled"))),
                        text(options.get("encryption.prefix")), text(options.get("encryption.suffix"))));
            }
        }
        return Optional.empty();
    }

    /** The password field of {@code user}'s entry in a users file; empty for a group, an unknown user or no file. */
    static Optional<String> stored(Path usersFile, String user) {
        if (user == null || user.startsWith(GROUP_PREFIX)) {
            return Optional.empty();
        }
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(usersFile, StandardCharsets.ISO_8859_1)) {
            users.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String value = users.getProperty(user);
        if (value == null) {
            return Optional.empty();
        }
        int comma = value.indexOf(',');
        return Optional.of((comma < 0 ? value : value.substring(0, comma)).strip());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
