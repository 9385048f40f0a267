package org.giggityflix.peer.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WebSecurity} is responsible for who may use the web UI: sign-in through JAAS with a per-address rate limit,
 * the sessions that follow, and the guard every request in the peer's context passes (configured by PID
 * {@value WebConstants#PID}).
 */
@Component(service = WebSecurity.class, configurationPid = WebConstants.PID)
@Designate(ocd = WebConfig.class)
public final class WebSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);

    /** The outcome of a sign-in, as the API answers it. */
    record LoginResult(int status, String message, Optional<Session> session, Optional<Duration> retryAfter) {
    }

    private final Authenticator authenticator;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final RequestGuard guard;
    private volatile boolean anonymousLoopbackReadOnly;

    @Activate
    public WebSecurity(WebConfig config) {
        this(new JaasAuthenticator(), Clock.systemUTC(), config);
    }

    WebSecurity(Authenticator authenticator, Clock clock, WebConfig config) {
        this.authenticator = authenticator;
        this.sessions = new SessionStore(clock, Duration.ofMinutes(config.sessionIdleMinutes()));
        this.throttle = new LoginThrottle(clock, config.loginFailuresBeforeLockout(),
                Duration.ofSeconds(config.lockoutSeconds()));
        this.guard = new RequestGuard(sessions);
        modified(config);
    }

    @Modified
    void modified(WebConfig config) {
        anonymousLoopbackReadOnly = config.anonymousLoopbackReadOnly();
        sessions.idleTimeout(Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes())));
        throttle.configure(config.loginFailuresBeforeLockout(), Duration.ofSeconds(Math.max(1, config.lockoutSeconds())));
    }

    @Deactivate
    void deactivate() {
        sessions.clear();
    }

    RequestGuard.Decision decide(RequestGuard.Request request) {
        return guard.decide(request, anonymousLoopbackReadOnly);
    }

    boolean anonymousLoopbackReadOnly() {
        return anonymousLoopbackReadOnly;
    }

    /** Checks the password unless {@code address} is locked out; a success starts a new session. */
    LoginResult login(String user, char[] password, String address) {
        Optional<Duration> locked = throttle.lockedFor(address);
        if (locked.isPresent()) {
            java.util.Arrays.fill(password, '\0');
            return new LoginResult(429, "Too many failed sign-ins from this address; try again in "
                    + seconds(locked.get()) + " s.", Optional.empty(), locked);
        }
        if (user == null || user.isBlank()) {
            return new LoginResult(400, "User name is missing.", Optional.empty(), Optional.empty());
        }
        Authenticator.Result result = authenticator.authenticate(user, password);
        switch (result.outcome()) {
            case OK -> {
                throttle.succeeded(address);
                Session session = sessions.create(user);
                LOG.info("web sign-in: {} from {}", user, address);
                return new LoginResult(200, "Signed in.", Optional.of(session), Optional.empty());
            }
            case UNAVAILABLE -> {
                LOG.warn("web sign-in unavailable: {}", result.message());
                return new LoginResult(503, result.message(), Optional.empty(), Optional.empty());
            }
            default -> {
                Optional<Duration> lockout = throttle.failed(address);
                LOG.warn("web sign-in refused for '{}' from {}{}", user, address,
                        lockout.map(d -> "; address locked for " + seconds(d) + " s").orElse(""));
                if (lockout.isPresent()) {
                    return new LoginResult(429, result.message() + " Too many failures: wait " + seconds(lockout.get())
                            + " s.", Optional.empty(), lockout);
                }
                return new LoginResult(result.outcome() == Authenticator.Outcome.NOT_ADMIN ? 403 : 401,
                        result.message(), Optional.empty(), Optional.empty());
            }
        }
    }

    void logout(Session session) {
        sessions.invalidate(session.id());
    }

    int sessionCount() {
        return sessions.count();
    }

    /** The Set-Cookie value for a session ({@code null} session: a cookie that clears it). */
    static String cookie(Session session, boolean secure) {
        StringBuilder c = new StringBuilder(WebConstants.SESSION_COOKIE).append('=');
        c.append(session == null ? "" : session.id());
        c.append("; Path=/; HttpOnly; SameSite=Strict");
        if (session == null) {
            c.append("; Max-Age=0");
        }
        if (secure) {
            c.append("; Secure");
        }
        return c.toString();
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
