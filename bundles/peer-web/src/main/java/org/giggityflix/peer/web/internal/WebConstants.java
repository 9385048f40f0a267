package org.giggityflix.peer.web.internal;

import org.giggityflix.peer.api.web.PeerWebContext;

/** {@code WebConstants} is responsible for the names and limits that more than one class of peer-web uses. */
final class WebConstants {

    /** The web bundle's own settings (metatype: {@link WebConfig}). */
    static final String PID = "org.giggityflix.peer.web";

    /** Whiteboard filter selecting the peer's context. */
    static final String CONTEXT_SELECT = "osgi.http.whiteboard.context.select=" + PeerWebContext.CONTEXT_SELECT;

    /**
     * Names of this bundle's whiteboard filters. Every filter and preprocessor must carry a name of its own: pax-web 8
     * names an unnamed one after its service interface ({@code javax.servlet.Filter}), and of two filters with one
     * name in a servlet context only the higher ranked runs, the other waits "awaiting registration" without an
     * error. That is how the front door once vanished: when the {@code giggityflix} context came up, the unnamed
     * {@link ClientGate} was registered again and lost its name to the unnamed UI assets filter (peer-web README).
     */
    static final String CLIENT_GATE_FILTER = "giggityflix-client-gate";
    static final String UI_ASSETS_FILTER = "giggityflix-ui-assets";

    /** The session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
    static final String SESSION_COOKIE = "GIGGITYFLIX_SESSION";

    /** Request attribute holding the {@link SessionStore.Session} of a signed-in request. */
    static final String SESSION_ATTRIBUTE = "org.giggityflix.peer.web.session";

    /** Request attribute holding the {@link org.giggityflix.peer.api.token.ApiToken} of a bearer request. */
    static final String TOKEN_ATTRIBUTE = "org.giggityflix.peer.web.token";

    /** Request attribute set when an anonymous loopback request was let through read-only. */
    static final String READ_ONLY_ATTRIBUTE = "org.giggityflix.peer.web.readOnly";

    /** Request attribute holding the {@link NetworkPolicy.Client} the front door resolved. */
    static final String CLIENT_ATTRIBUTE = "org.giggityflix.peer.web.client";

    /** The JAAS realm shared with the Karaf console. */
    static final String REALM = "karaf";

    /** The role a user needs (users of group admingroup have it). */
    static final String ADMIN_ROLE = "admin";

    static final int MAX_BODY_BYTES = PeerWebContext.MAX_BODY_BYTES;

    static final String API = "/api/v1";

    /** Only these PIDs are shown and changed on the settings page. */
    static final String PID_PREFIX = "org.giggityflix.peer";

    /** Only features with this prefix can be installed or removed from the providers page. */
    static final String FEATURE_PREFIX = "peer-";

    static final String JSON = "application/json;charset=utf-8";

    private WebConstants() {
    }
}
