package org.giggityflix.peer.web.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.web.PeerWebContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * {@code PeerContextHelper} is responsible for the peer's servlet context ({@value PeerWebContext#CONTEXT_NAME} at
 * {@code /}): every servlet registered in it, this bundle's or another's (the player page), passes
 * {@link RequestGuard} first.
 */
@Component(service = ServletContextHelper.class, property = {
        "osgi.http.whiteboard.context.name=" + PeerWebContext.CONTEXT_NAME,
        "osgi.http.whiteboard.context.path=/",
        "service.ranking:Integer=100"})
public final class PeerContextHelper extends ServletContextHelper {

    private final WebSecurity security;

    /** Resources resolve against peer-web; other bundles serve their own files from their servlets. */
    @Activate
    public PeerContextHelper(@Reference WebSecurity security, BundleContext context) {
        super(context.getBundle());
        this.security = security;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpIo.securityHeaders(response);
        RequestGuard.Decision decision = security.decide(HttpIo.guardRequest(request, security));
        switch (decision.verdict()) {
            case ALLOW -> {
                decision.session().ifPresent(s -> {
                    request.setAttribute(WebConstants.SESSION_ATTRIBUTE, s);
                    request.setAttribute(REMOTE_USER, s.user());
                    request.setAttribute(AUTHENTICATION_TYPE, "FORM");
                });
                decision.token().ifPresent(t -> {
                    request.setAttribute(WebConstants.TOKEN_ATTRIBUTE, t);
                    request.setAttribute(REMOTE_USER, "token:" + t.name());
                    request.setAttribute(AUTHENTICATION_TYPE, "BEARER");
                });
                return true;
            }
            case ALLOW_READ_ONLY -> {
                request.setAttribute(WebConstants.READ_ONLY_ATTRIBUTE, Boolean.TRUE);
                return true;
            }
            case REDIRECT -> {
                response.setHeader("Location", decision.location());
                response.setHeader("Cache-Control", "no-store");
                response.setStatus(302);
                response.flushBuffer();
                return false;
            }
            default -> {
                if (decision.status() == 413) {
                    response.setHeader("Connection", "close");
                }
                if (decision.bearer()) {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"giggityflix\", error=\"invalid_token\"");
                }
                HttpIo.error(response, decision.status(), decision.message());
                return false;
            }
        }
    }
}
