package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.api.web.PeerWebContext;

/**
 * {@code PlayerServlet} is responsible for the owner's player page {@code /play?id=<luid>} in the
 * {@code giggityflix} context: it plays the file directly over HTTP (a signed link made for this page) or over
 * WebRTC signaled through {@link SignalingServlet}, with play/pause/seek, and the resolution and bitrate being
 * received shown beside the file's own (from the catalog's metadata).
 */
final class PlayerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LongFunction<Optional<MediaFile>> catalog;
    private final transient LongFunction<String> links;
    private final transient Supplier<List<IceServer>> iceServers;
    private final transient SecureRandom random = new SecureRandom();
    private final String template;

    PlayerServlet(LongFunction<Optional<MediaFile>> catalog, LongFunction<String> links,
                  Supplier<List<IceServer>> iceServers) throws IOException {
        this.catalog = catalog;
        this.links = links;
        this.iceServers = iceServers;
        try (InputStream in = PlayerServlet.class.getResourceAsStream("player.html")) {
            if (in == null) {
                throw new IOException("player.html is missing from the bundle");
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(PeerWebContext.REMOTE_USER_ATTRIBUTE) == null) {
            text(response, 403, "Sign in to play files.");
            return;
        }
        long luid;
        try {
            luid = Long.parseLong(String.valueOf(request.getParameter("id")));
        } catch (NumberFormatException e) {
            text(response, 400, "Which file? /play?id=<luid>");
            return;
        }
        Optional<MediaFile> file = catalog.apply(luid);
        if (file.isEmpty()) {
            text(response, 404, "No file has luid " + luid + ".");
            return;
        }
        if (!Files.isRegularFile(file.get().path())) {
            text(response, 410, "The file " + file.get().relativePath() + " is gone from disk.");
            return;
        }
        byte[] nonceBytes = new byte[18];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String config = "{\"luid\":" + luid + ",\"link\":" + Texts.json(links.apply(luid)) + ",\"size\":"
                + file.get().size() + ",\"file\":" + described(file.get()) + ",\"iceServers\":" + ice() + "}";
        String page = template.replace("{{nonce}}", nonce)
                .replace("{{title}}", Texts.html(file.get().fileName()))
                .replace("{{config}}", config);
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'nonce-" + nonce + "'; "
                + "style-src 'nonce-" + nonce + "'; media-src 'self' blob:; connect-src 'self'; "
                + "frame-ancestors 'self'; base-uri 'none'; form-action 'self'");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** What the catalog knows of the file (the probe's metadata), shown beside what the stream delivers. */
    private static String described(MediaFile file) {
        MediaMetadata m = file.metadata().orElse(null);
        if (m == null) {
            return "{}";
        }
        return "{\"width\":" + m.width() + ",\"height\":" + m.height() + ",\"kbps\":"
                + (m.bitrate() == null ? "null" : Long.toString(Math.round(m.bitrate() / 1000.0)))
                + ",\"codec\":" + Texts.json(m.videoCodec()) + ",\"duration\":" + m.durationSeconds() + "}";
    }

    private String ice() {
        return iceServers.get().stream().map(s -> "{\"urls\":[" + s.urls().stream().map(Texts::json)
                .collect(Collectors.joining(",")) + "]" + s.username().map(u -> ",\"username\":" + Texts.json(u)).orElse("")
                + s.credential().map(c -> ",\"credential\":" + Texts.json(c)).orElse("") + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(message);
    }
}
