package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.time.Clock;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code SystemServlet} is responsible for {@code /health} (for anyone: states only, no secrets) and
 * {@code /metrics} (Prometheus text, signed in or read-only loopback).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/health",
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=giggityflix-system",
        WebConstants.CONTEXT_SELECT})
public final class SystemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ApiHandlers handlers;

    @Activate
    public SystemServlet(@Reference WebSecurity security, @Reference PeerServices services,
                         @Reference ConfigSource config, @Reference Providers providers) {
        this.handlers = new ApiHandlers(services, config, providers, security, Clock.systemUTC());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse answer = request.getRequestURI().equals("/metrics") ? handlers.metrics() : handlers.health();
        ApiServlet.write(answer, request, response);
    }
}
