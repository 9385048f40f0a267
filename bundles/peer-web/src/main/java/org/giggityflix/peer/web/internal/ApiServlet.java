package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ApiServlet} is responsible for carrying {@code /api/v1/*} requests from the servlet container to
 * {@link ApiHandlers} and their answers back.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + WebConstants.API + "/*",
        "osgi.http.whiteboard.servlet.name=giggityflix-api",
        WebConstants.CONTEXT_SELECT})
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ApiHandlers handlers;

    @Activate
    public ApiServlet(@Reference WebSecurity security, @Reference PeerServices services,
                      @Reference ConfigSource config, @Reference Providers providers) {
        this.handlers = new ApiHandlers(services, config, providers, security, Clock.systemUTC());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body;
        try {
            body = HttpIo.body(request);
        } catch (HttpIo.TooLargeException e) {
            response.setHeader("Connection", "close");
            HttpIo.error(response, 413, e.getMessage());
            return;
        }
        ApiResponse answer = handlers.handle(toApiRequest(request, body));
        write(answer, request, response);
    }

    static ApiRequest toApiRequest(HttpServletRequest request, String body) {
        String path = request.getRequestURI();
        String rest = path.length() > WebConstants.API.length() ? path.substring(WebConstants.API.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        String raw = request.getQueryString();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        Optional<Session> session = Optional.ofNullable((Session) request.getAttribute(WebConstants.SESSION_ATTRIBUTE));
        Optional<ApiToken> token = Optional.ofNullable((ApiToken) request.getAttribute(WebConstants.TOKEN_ATTRIBUTE));
        return new ApiRequest(request.getMethod().toUpperCase(Locale.ROOT), segments, query, body, session,
                request.getRemoteAddr(), request.isSecure(), token);
    }

    static void write(ApiResponse answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer.headers().forEach(response::addHeader);
        if (!answer.headers().containsKey("Cache-Control")) {
            response.setHeader("Cache-Control", "no-store");
        }
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        if (answer.file().isPresent()) {
            java.nio.file.Path file = answer.file().get();
            response.setContentLengthLong(java.nio.file.Files.size(file));
            if (!"HEAD".equalsIgnoreCase(request.getMethod())) {
                java.nio.file.Files.copy(file, response.getOutputStream());
            }
            return;
        }
        response.setContentLength(answer.body().length);
        if (!"HEAD".equalsIgnoreCase(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }
}
