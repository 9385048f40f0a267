package org.giggityflix.peer.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.web.PeerWebContext;

/** {@code HttpIo} is responsible for the servlet plumbing the peer's servlets share: cookies, bounded bodies, JSON out. */
final class HttpIo {

    /** The body was larger than {@link WebConstants#MAX_BODY_BYTES}. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("The request body is larger than " + WebConstants.MAX_BODY_BYTES + " bytes.");
        }
    }

    private HttpIo() {
    }

    static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (WebConstants.SESSION_COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** What the guard needs of a request; {@code home} from the client the front door resolved. */
    static RequestGuard.Request guardRequest(HttpServletRequest request, WebSecurity security) {
        Object client = request.getAttribute(WebConstants.CLIENT_ATTRIBUTE);
        boolean home = client instanceof NetworkPolicy.Client c ? c.home() : security.isHome(request.getRemoteAddr());
        return new RequestGuard.Request(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                request.getRemoteAddr(), request.getContentLengthLong(), sessionId(request),
                request.getHeader(PeerWebContext.CSRF_HEADER), request.getHeader("Accept"), request.getHeader("Origin"),
                request.getHeader("Host"), home, request.getHeader("Authorization"));
    }

    /** Reads the body as UTF-8, refusing more than the limit even when no Content-Length was sent. */
    static String body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > WebConstants.MAX_BODY_BYTES) {
            throw new TooLargeException();
        }
        return read(request.getInputStream());
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > WebConstants.MAX_BODY_BYTES) {
                throw new TooLargeException();
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
    }

    static void send(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, WebConstants.JSON,
                Json.write(Json.obj("error", message, "status", status)).getBytes(StandardCharsets.UTF_8));
    }
}
