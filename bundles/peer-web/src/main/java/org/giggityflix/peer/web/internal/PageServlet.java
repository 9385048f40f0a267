package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.osgi.service.component.annotations.Component;

/**
 * {@code PageServlet} is responsible for the web UI: the pages (dashboard, library, detail, player, settings,
 * providers, sign-in) put into one layout with the session's CSRF token in a meta tag. The CSS/JS they use are
 * whiteboard resources ({@link UiAssets}).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=giggityflix-ui",
        WebConstants.CONTEXT_SELECT})
public final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Path → page resource and title. */
    private record Page(String name, String title) {
    }

    private static final Map<String, Page> PAGES = Map.of(
            "/", new Page("dashboard", "Dashboard"),
            "/library", new Page("library", "Library"),
            "/media", new Page("media", "File"),
            "/settings", new Page("settings", "Settings"),
            "/providers", new Page("providers", "Providers"),
            "/play", new Page("play", "Player"));

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

    private final transient Map<String, String> cache = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        response.setHeader("Content-Security-Policy", CSP);
        if (path.equals("/login")) {
            html(response, 200, render("login", "Sign in", request));
            return;
        }
        Page page = PAGES.get(path.equals("/index.html") ? "/" : path);
        if (page == null) {
            html(response, 404, render("notfound", "Not found", request));
            return;
        }
        html(response, 200, render(page.name(), page.title(), request));
    }

    private String render(String name, String title, HttpServletRequest request) throws IOException {
        Optional<Session> session = Optional.ofNullable((Session) request.getAttribute(WebConstants.SESSION_ATTRIBUTE));
        String main = resource("/ui/" + name + ".html");
        String layout = resource(name.equals("login") ? "/ui/bare.html" : "/ui/layout.html");
        String out = layout.replace("{{main}}", main)
                .replace("{{title}}", escape(title))
                .replace("{{page}}", name)
                .replace("{{csrf}}", session.map(Session::csrfToken).orElse(""))
                .replace("{{user}}", escape(session.map(Session::user).orElse("")))
                .replace("{{readonly}}", session.isPresent() ? "false" : "true");
        for (String p : new String[] {"dashboard", "library", "settings", "providers"}) {
            out = out.replace("{{current:" + p + "}}", p.equals(name) ? " aria-current=\"page\"" : "");
        }
        return out;
    }

    private String resource(String path) throws IOException {
        String cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = PageServlet.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            cache.put(path, text);
            return text;
        }
    }

    private static void html(HttpServletResponse response, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
