package org.giggityflix.peer.web.internal;

import java.security.Principal;
import java.util.Arrays;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * {@code JaasAuthenticator} is responsible for signing in against Karaf's JAAS realm {@code karaf} (the console's
 * users, etc/users.properties) and accepting only users with the {@code admin} role.
 */
final class JaasAuthenticator implements Authenticator {

    @Override
    public Result authenticate(String user, char[] password) {
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
            boolean admin = false;
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof RolePrincipal role && WebConstants.ADMIN_ROLE.equals(role.getName())) {
                    admin = true;
                }
            }
            login.logout();
            if (!admin) {
                return Result.refused(Outcome.NOT_ADMIN, "This account may not manage the peer (no admin role).");
            }
            return Result.ok(user);
        } catch (javax.security.auth.login.FailedLoginException | javax.security.auth.login.AccountException e) {
            return Result.refused(Outcome.WRONG_CREDENTIALS, "Wrong user name or password.");
        } catch (LoginException e) {
            // Karaf's properties module says "Password for … does not match" / "User … does not exist" as plain
            // LoginExceptions: both are wrong credentials to the person signing in.
            return Result.refused(Outcome.WRONG_CREDENTIALS, "Wrong user name or password.");
        } catch (SecurityException e) {
            return Result.refused(Outcome.UNAVAILABLE, "Sign-in is unavailable: the JAAS realm 'karaf' is not set up.");
        } finally {
            thread.setContextClassLoader(previous);
            Arrays.fill(password, '\0');
        }
    }
}
