package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.web.internal.NetworkPolicy.Client;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.Preprocessor;

/**
 * {@code ClientGate} is responsible for putting {@link FrontDoor} in front of every request of the HTTP server (an
 * HTTP Whiteboard {@link Preprocessor}: it runs before any servlet context, so the signed-link servlet of
 * peer-stream-http and anything another bundle registers are covered too), and for handing on a request whose
 * remote address and scheme are the resolved client's. It carries a name of its own ({@link
 * WebConstants#CLIENT_GATE_FILTER}): unnamed, pax-web would let another unnamed filter of the context shadow it.
 */
@Component(service = Preprocessor.class,
        property = "osgi.http.whiteboard.filter.name=" + WebConstants.CLIENT_GATE_FILTER)
public final class ClientGate implements Preprocessor {

    private final WebSecurity security;

    @Activate
    public ClientGate(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        FrontDoor.Admission admission = security.frontDoor().admit(new FrontDoor.Seen(request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), request.isSecure(), request.getHeader("Host"),
                headers(request, "Forwarded"), headers(request, "X-Forwarded-For"),
                headers(request, "X-Forwarded-Proto")));
        admission.hsts().ifPresent(v -> response.setHeader("Strict-Transport-Security", v));
        if (!admission.admitted()) {
            response.setStatus(admission.status());
            response.setHeader("Cache-Control", "no-store");
            if (admission.message().isEmpty()) {
                response.setContentLength(0);
            } else {
                byte[] body = (admission.message() + "\n").getBytes(StandardCharsets.UTF_8);
                response.setContentType("text/plain;charset=utf-8");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
            response.flushBuffer();
            return;
        }
        chain.doFilter(new ClientRequest(request, admission.client()), response);
    }

    @Override
    public void destroy() {
        // nothing held
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }

    /** The request as the servlets should see it: the resolved client's address and scheme. */
    static final class ClientRequest extends HttpServletRequestWrapper {
        private final Client client;

        ClientRequest(HttpServletRequest request, Client client) {
            super(request);
            this.client = client;
            request.setAttribute(WebConstants.CLIENT_ATTRIBUTE, client);
        }

        @Override
        public String getRemoteAddr() {
            return client.address();
        }

        @Override
        public String getRemoteHost() {
            return client.address();
        }

        @Override
        public boolean isSecure() {
            return client.secure();
        }

        @Override
        public String getScheme() {
            return client.secure() ? "https" : super.getScheme();
        }
    }
}
