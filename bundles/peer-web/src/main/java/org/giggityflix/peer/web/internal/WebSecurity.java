package org.giggityflix.peer.web.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WebSecurity} is responsible for who may use the web UI: sign-in through JAAS with a per-address rate limit,
 * the sessions that follow, API tokens for scripts, and the guard every request in the peer's context passes
 * (configured by PID {@value WebConstants#PID}).
 */
@Component(service = WebSecurity.class, configurationPid = WebConstants.PID)
@Designate(ocd = WebConfig.class)
public final class WebSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);

    /** The one answer for every wrong credential. */
    static final String WRONG = "Wrong user name or password.";

    /** The outcome of a sign-in, as the API answers it. */
    record LoginResult(int status, String message, Optional<Session> session, Optional<Duration> retryAfter) {
    }

    private final Authenticator authenticator;
    private final SessionStore sessions;
    private final LoginThrottle byAddress;
    private final LoginThrottle byAccount;
    private final RequestGuard guard;
    private final FrontDoor frontDoor;
    private final Credentials credentials;
    private volatile boolean anonymousLoopbackReadOnly;

    /** The API tokens (peer-web's own {@link ApiTokensComponent}); absent while it starts or stops. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokens tokens;

    @Activate
    public WebSecurity(WebConfig config) {
        this(new JaasAuthenticator(), Clock.systemUTC(), config, usersFile(), HostNames.system(Clock.systemUTC()));
    }

    WebSecurity(Authenticator authenticator, Clock clock, WebConfig config) {
        this(authenticator, clock, config, Credentials.NONE, HostNames.system(clock));
    }

    WebSecurity(Authenticator authenticator, Clock clock, WebConfig config, Credentials credentials,
                HostNames hostNames) {
        this.authenticator = authenticator;
        this.credentials = credentials;
        this.sessions = new SessionStore(clock, Duration.ofMinutes(config.sessionIdleMinutes()));
        this.byAddress = new LoginThrottle(clock, config.loginFailuresBeforeLockout(),
                Duration.ofSeconds(config.lockoutSeconds()));
        this.byAccount = new LoginThrottle(clock, config.accountFailuresBeforeLockout(),
                Duration.ofSeconds(config.lockoutSeconds()));
        this.guard = new RequestGuard(sessions, credentials, () -> Optional.ofNullable(tokens));
        this.frontDoor = new FrontDoor(hostNames, config);
        modified(config);
    }

    private static Credentials usersFile() {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? Credentials.NONE : Credentials.usersFile(Path.of(etc, "users.properties"));
    }

    @Modified
    void modified(WebConfig config) {
        anonymousLoopbackReadOnly = config.anonymousLoopbackReadOnly();
        sessions.idleTimeout(Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes())));
        sessions.maxAge(Duration.ofHours(Math.max(1, config.sessionMaxHours())));
        Duration lockout = Duration.ofSeconds(Math.max(1, config.lockoutSeconds()));
        byAddress.configure(config.loginFailuresBeforeLockout(), lockout);
        byAccount.configure(config.accountFailuresBeforeLockout(), lockout);
        frontDoor.configure(config);
        List<String> invalid = new ArrayList<>(AddressRanges.parse(config.homeNetworks()).invalid());
        invalid.addAll(AddressRanges.parse(config.trustedProxies()).invalid());
        if (!invalid.isEmpty()) {
            LOG.warn("web: ignoring entries that are not an address or CIDR range in homeNetworks/trustedProxies: {}",
                    invalid);
        }
    }

    @Deactivate
    void deactivate() {
        sessions.clear();
    }

    RequestGuard.Decision decide(RequestGuard.Request request) {
        return guard.decide(request, anonymousLoopbackReadOnly);
    }

    /** Tests: the token store the guard asks. */
    void useTokens(ApiTokens tokens) {
        this.tokens = tokens;
    }

    FrontDoor frontDoor() {
        return frontDoor;
    }

    /** Whether {@code address} is in the configured home networks. */
    boolean isHome(String address) {
        return frontDoor.policy().isHome(address);
    }

    boolean anonymousLoopbackReadOnly() {
        return anonymousLoopbackReadOnly;
    }

    /**
     * Checks the password unless the address or the account is locked out; a success starts a new session. The
     * attempt is counted before the password is checked, and every wrong credential (unknown user, wrong password,
     * an account without the admin role) gets the same answer.
     */
    LoginResult login(String user, char[] password, String address, boolean home) {
        if (user == null || user.isBlank()) {
            Arrays.fill(password, '\0');
            return new LoginResult(400, "User name is missing.", Optional.empty(), Optional.empty());
        }
        String addressKey = address;
        String accountKey = user.toLowerCase(Locale.ROOT);
        Optional<LoginThrottle.Refusal> refused = byAddress.reserve(addressKey);
        if (refused.isEmpty()) {
            refused = byAccount.reserve(accountKey);
            if (refused.isPresent()) {
                byAddress.released(addressKey);
            }
        }
        if (refused.isPresent()) {
            Arrays.fill(password, '\0');
            Duration wait = refused.get().retryAfter();
            return new LoginResult(429, "Too many failed sign-ins; try again in " + seconds(wait) + " s.",
                    Optional.empty(), Optional.of(wait));
        }
        Authenticator.Result result = authenticator.authenticate(user, password);
        switch (result.outcome()) {
            case OK -> {
                byAddress.succeeded(addressKey);
                byAccount.succeeded(accountKey);
                Session session = sessions.create(user, home, credentials.stamp(user));
                LOG.info("web sign-in: {} from {}", printable(user), address);
                return new LoginResult(200, "Signed in.", Optional.of(session), Optional.empty());
            }
            case UNAVAILABLE -> {
                byAddress.released(addressKey);
                byAccount.released(accountKey);
                LOG.warn("web sign-in for '{}' from {} could not be checked (answered 503): {}", printable(user),
                        address, result.detail().isEmpty() ? result.message() : result.detail());
                return new LoginResult(503, result.message(), Optional.empty(), Optional.empty());
            }
            default -> {
                Optional<Duration> a = byAddress.failed(addressKey);
                Optional<Duration> b = byAccount.failed(accountKey);
                Optional<Duration> lockout = a.isPresent() && b.isPresent()
                        ? Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get()) : a.or(() -> b);
                LOG.warn("web sign-in refused for '{}' from {} ({}{}){}", printable(user), address,
                        result.outcome() == Authenticator.Outcome.NOT_ADMIN ? "no admin role" : "wrong credentials",
                        result.detail().isEmpty() ? "" : ": " + result.detail(),
                        lockout.map(d -> "; locked for " + seconds(d) + " s").orElse(""));
                if (lockout.isPresent()) {
                    return new LoginResult(429, WRONG + " Too many failures: wait " + seconds(lockout.get()) + " s.",
                            Optional.empty(), lockout);
                }
                return new LoginResult(401, WRONG, Optional.empty(), Optional.empty());
            }
        }
    }

    /** {@link #login(String, char[], String, boolean)} from a home network. */
    LoginResult login(String user, char[] password, String address) {
        return login(user, password, address, true);
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

    /** A user-supplied name for the log: no line breaks or control characters, at most 64 characters. */
    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
