package org.giggityflix.peer.web.internal;

import java.util.Map;

import org.giggityflix.peer.web.internal.SessionStore.Session;

/**
 * {@code SessionResource} is responsible for signing in and out through the API: {@code GET session} (who is signed
 * in, the CSRF token), {@code POST login} (refused in clear text from outside the home network) and
 * {@code POST logout}.
 */
final class SessionResource {

    private final WebSecurity security;

    SessionResource(WebSecurity security) {
        this.security = security;
    }

    ApiResponse handle(ApiRequest r) {
        boolean one = r.segments().size() == 1;
        return switch (r.segment(0)) {
            case "session" -> one && ApiSupport.reads(r) ? session(r) : ApiSupport.notAllowed();
            case "login" -> one && r.method().equals("POST") ? login(r) : ApiSupport.notAllowed();
            default -> one && r.method().equals("POST") ? logout(r) : ApiSupport.notAllowed();
        };
    }

    private ApiResponse session(ApiRequest r) {
        return ApiResponse.ok(Json.obj("user", r.session().map(Session::user), "signedIn", r.session().isPresent(),
                "readOnly", r.session().isEmpty(), "csrfToken", r.session().map(Session::csrfToken)));
    }

    private ApiResponse login(ApiRequest r) {
        Map<String, Object> body = ApiSupport.object(r.body());
        Object user = body.get("username");
        Object password = body.get("password");
        if (!(user instanceof String) || !(password instanceof String)) {
            throw new ApiSupport.BadRequest("Send {\"username\": \"…\", \"password\": \"…\"}.");
        }
        boolean home = security.isHome(r.address());
        if (!r.secure() && !home) {
            // Only reachable when a reverse proxy or remote administration lets an outside client this far: a
            // password must not cross the internet in clear text.
            return ApiResponse.error(403, "Sign-in from outside the home network needs HTTPS.");
        }
        Object next = body.get("next");
        WebSecurity.LoginResult result = security.login((String) user, ((String) password).toCharArray(), r.address(),
                home);
        if (result.session().isEmpty()) {
            ApiResponse refused = ApiResponse.error(result.status(), result.message());
            result.retryAfter().ifPresent(d -> refused.header("Retry-After",
                    String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
            return refused;
        }
        Session s = result.session().get();
        return ApiResponse.ok(Json.obj("user", s.user(), "csrfToken", s.csrfToken(),
                        "location", SafeNext.location(next instanceof String n ? n : null)))
                .header("Set-Cookie", WebSecurity.cookie(s, r.secure()));
    }

    private ApiResponse logout(ApiRequest r) {
        r.session().ifPresent(security::logout);
        return ApiResponse.ok(Json.obj("signedIn", false)).header("Set-Cookie", WebSecurity.cookie(null, r.secure()));
    }
}
