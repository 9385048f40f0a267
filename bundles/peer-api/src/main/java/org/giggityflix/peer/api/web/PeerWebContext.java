package org.giggityflix.peer.api.web;

/**
 * {@code PeerWebContext} is responsible for naming the peer's HTTP Whiteboard servlet context, so a bundle can
 * register servlets that sit behind the owner's sign-in and CSRF checks (peer-web publishes the context).
 *
 * <p>Register a servlet with the service properties
 * {@code osgi.http.whiteboard.servlet.pattern=/play} and {@code osgi.http.whiteboard.context.select=}
 * {@link #CONTEXT_SELECT}. Every request then passes the context's {@code handleSecurity}: signed-in owner (or
 * read-only loopback when the owner allows it), CSRF token on POST/PUT/PATCH/DELETE, no path traversal, bodies up
 * to {@link #MAX_BODY_BYTES}.
 */
public final class PeerWebContext {

    /** The {@code osgi.http.whiteboard.context.name} of the peer's context (path {@code /}). */
    public static final String CONTEXT_NAME = "giggityflix";

    /** The {@code osgi.http.whiteboard.context.select} filter that puts a servlet in the peer's context. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    /** Request header carrying the session's CSRF token on state-changing requests. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Largest request body the context lets through; larger ones are answered 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * Request attribute naming the signed-in user ({@code org.osgi.service.http.context.ServletContextHelper
     * .REMOTE_USER}); absent for anonymous read-only loopback requests.
     */
    public static final String REMOTE_USER_ATTRIBUTE = "org.osgi.service.http.authentication.remote.user";

    private PeerWebContext() {
    }
}
