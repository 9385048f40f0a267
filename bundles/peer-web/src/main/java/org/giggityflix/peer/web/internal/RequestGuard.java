package org.giggityflix.peer.web.internal;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.TokenScope;
import org.giggityflix.peer.web.internal.SessionStore.Session;

/**
 * {@code RequestGuard} is responsible for the decision every request in the peer's context passes first: path
 * traversal and oversized bodies are refused, public paths pass, everything else needs a signed-in session (or is
 * read-only from loopback when the owner allows it) and, when it changes state, the session's CSRF token.
 *
 * <p>A request with {@code Authorization: Bearer <token>} to the JSON API or {@code /metrics} is a script's, not a
 * browser's: the token alone decides (cookies are ignored, no CSRF token is asked for), a read-only token may only
 * read, and a wrong, revoked or malformed one is 401. Which clients reach this far at all is the front door's
 * decision ({@link FrontDoor}): a token never opens the owner's face to clients outside the home networks.
 */
final class RequestGuard {

    /** What the guard sees of a request. {@code rawPath} is the undecoded path, without the query. */
    record Request(String method, String rawPath, String rawQuery, String remoteAddr, long contentLength,
                   String sessionId, String csrfHeader, String accept, String origin, String host, boolean home,
                   String authorization) {

        /** A request without an {@code Authorization} header. */
        Request(String method, String rawPath, String rawQuery, String remoteAddr, long contentLength,
                String sessionId, String csrfHeader, String accept, String origin, String host, boolean home) {
            this(method, rawPath, rawQuery, remoteAddr, contentLength, sessionId, csrfHeader, accept, origin, host,
                    home, null);
        }
    }

    enum Verdict { ALLOW, ALLOW_READ_ONLY, REFUSE, REDIRECT }

    /**
     * @param status   HTTP status when refused (400, 401, 403, 413) or redirected (302)
     * @param message  for the person, when refused
     * @param location where a redirect goes
     */
    record Decision(Verdict verdict, int status, String message, String location, Optional<Session> session,
                    Optional<ApiToken> token) {

        static Decision allow(Optional<Session> session) {
            return new Decision(Verdict.ALLOW, 200, "", "", session, Optional.empty());
        }

        static Decision refuse(int status, String message) {
            return new Decision(Verdict.REFUSE, status, message, "", Optional.empty(), Optional.empty());
        }

        /** Whether a refusal is a bearer token's (the answer then carries {@code WWW-Authenticate: Bearer}). */
        boolean bearer() {
            return verdict == Verdict.REFUSE && status == 401 && message.startsWith(BEARER_REFUSAL);
        }
    }

    /** Where the messages of refused bearer requests start. */
    static final String BEARER_REFUSAL = "API token: ";

    private static final Pattern BEARER = Pattern.compile("Bearer +(\\S+) *", Pattern.CASE_INSENSITIVE);

    /** Query parameters that name files or ids: no traversal in them. */
    private static final Set<String> PATH_PARAMETERS = Set.of("id", "luid", "path", "file", "dir", "pid", "name");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionStore sessions;
    private final Credentials credentials;
    private final Supplier<Optional<ApiTokens>> tokens;

    RequestGuard(SessionStore sessions) {
        this(sessions, Credentials.NONE);
    }

    RequestGuard(SessionStore sessions, Credentials credentials) {
        this(sessions, credentials, Optional::empty);
    }

    RequestGuard(SessionStore sessions, Credentials credentials, Supplier<Optional<ApiTokens>> tokens) {
        this.sessions = sessions;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    Decision decide(Request r, boolean anonymousLoopbackReadOnly) {
        Optional<String> traversal = traversal(r.rawPath(), r.rawQuery());
        if (traversal.isPresent()) {
            return Decision.refuse(400, traversal.get());
        }
        if (r.contentLength() > WebConstants.MAX_BODY_BYTES) {
            return Decision.refuse(413, "The request body is larger than " + WebConstants.MAX_BODY_BYTES + " bytes.");
        }
        String method = r.method().toUpperCase(Locale.ROOT);
        boolean safe = SAFE_METHODS.contains(method);
        String path = r.rawPath();
        if (r.authorization() != null && tokenPath(path)) {
            return bearer(r, safe);
        }
        if (isPublic(path)) {
            if (!safe && !sameOrigin(r)) {
                return Decision.refuse(403, "Cross-site request refused.");
            }
            return Decision.allow(session(r));
        }
        Optional<Session> session = session(r);
        if (session.isPresent()) {
            if (!safe && !SessionStore.csrfMatches(session.get(), r.csrfHeader())) {
                return Decision.refuse(403, "Missing or wrong CSRF token (send the page's token in X-CSRF-Token).");
            }
            return Decision.allow(session);
        }
        if (anonymousLoopbackReadOnly && safe && isLoopback(r.remoteAddr())) {
            return new Decision(Verdict.ALLOW_READ_ONLY, 200, "", "", Optional.empty(), Optional.empty());
        }
        if (safe && !path.startsWith(WebConstants.API + "/") && !path.equals("/metrics")
                && (r.accept() == null || r.accept().contains("text/html") || r.accept().isEmpty())) {
            String next = r.rawQuery() == null || r.rawQuery().isEmpty() ? path : path + "?" + r.rawQuery();
            return new Decision(Verdict.REDIRECT, 302, "", "/login?next="
                    + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8), Optional.empty(), Optional.empty());
        }
        return Decision.refuse(401, "Sign in first (POST " + WebConstants.API + "/login).");
    }

    /** Paths where an API token counts: the JSON API (but not signing in or out) and the metrics. */
    static boolean tokenPath(String path) {
        return path.equals("/metrics") || (path.startsWith(WebConstants.API + "/")
                && !path.equals(WebConstants.API + "/login") && !path.equals(WebConstants.API + "/logout"));
    }

    /** A script's request: the token alone decides; no cookie, no CSRF token. */
    private Decision bearer(Request r, boolean safe) {
        Matcher m = BEARER.matcher(r.authorization());
        if (!m.matches()) {
            return Decision.refuse(401, BEARER_REFUSAL + "send the header as 'Authorization: Bearer <token>'.");
        }
        Optional<ApiTokens> store = tokens.get();
        if (store.isEmpty()) {
            return Decision.refuse(503, "API tokens are not available right now (the peer is starting or stopping).");
        }
        Optional<ApiToken> token = store.get().verify(m.group(1));
        if (token.isEmpty()) {
            return Decision.refuse(401, BEARER_REFUSAL + "unknown or revoked token.");
        }
        if (!safe && token.get().scope() == TokenScope.READ_ONLY) {
            return Decision.refuse(403, "API token '" + token.get().name() + "' is read-only: it cannot change "
                    + "anything.");
        }
        return new Decision(Verdict.ALLOW, 200, "", "", Optional.empty(), token);
    }

    /**
     * The request's session, if it is still good here: a session signed in at home is not accepted from outside the
     * home networks (a copied cookie), and every session of a user ends when their stored password changed.
     */
    private Optional<Session> session(Request r) {
        Optional<Session> found = sessions.find(r.sessionId());
        if (found.isEmpty()) {
            return found;
        }
        Session s = found.get();
        if (!s.credential().equals(credentials.stamp(s.user()))) {
            sessions.invalidateUser(s.user());
            return Optional.empty();
        }
        if (s.home() && !r.home()) {
            return Optional.empty();
        }
        return found;
    }

    /** Paths anyone may open: health, the sign-in page and API, and the static files the sign-in page uses. */
    static boolean isPublic(String path) {
        return path.equals("/health") || path.equals("/login") || path.equals(WebConstants.API + "/login")
                || path.startsWith("/assets/") || path.equals("/favicon.ico");
    }

    /** A reason when the path or a file/id parameter tries to leave its place ({@code ../}, encoded, absolute). */
    static Optional<String> traversal(String rawPath, String rawQuery) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || lower.contains("\\") || lower.contains("//") || lower.indexOf('\0') >= 0) {
            return Optional.of("The path contains encoded or doubled separators or dots.");
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("The path contains '..' or '.' segments.");
            }
        }
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                return Optional.of("The query is not valid percent-encoding.");
            }
            if (value.indexOf('\0') >= 0) {
                return Optional.of("Parameter '" + name + "' contains a NUL character.");
            }
            if (PATH_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) && unsafeName(value)) {
                return Optional.of("Parameter '" + name + "' must not be a path ('..', absolute or drive paths).");
            }
        }
        return Optional.empty();
    }

    /** True for values that would climb out of a folder or name one absolutely. */
    static boolean unsafeName(String value) {
        String v = value.replace('\\', '/');
        if (v.startsWith("/") || v.startsWith("~") || (v.length() > 1 && v.charAt(1) == ':')) {
            return true;
        }
        for (String segment : v.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A state change that names an origin must come from this host (sign-in has no CSRF token yet). */
    private static boolean sameOrigin(Request r) {
        if (r.origin() == null || r.origin().isEmpty()) {
            return true;
        }
        if (r.host() == null) {
            return false;
        }
        String origin = r.origin().toLowerCase(Locale.ROOT);
        String host = r.host().toLowerCase(Locale.ROOT);
        return origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    static boolean isLoopback(String address) {
        return ipLiteral(address).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static Optional<InetAddress> ipLiteral(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        // Only IP literals: never resolve a name here.
        if (!literal.matches("[0-9a-fA-F:.%]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
