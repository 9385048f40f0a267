package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
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
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.api.web.PeerWebContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PlayerServlet} is responsible for {@code GET /play/info?id=<luid>} in the owner's {@code giggityflix}
 * context: everything the player page ({@code /play?id=}, peer-web's layout) needs to play one file — a fresh signed
 * link, what the catalog knows of the file, the media type to ask the browser about before playing it directly (or
 * why no browser can: {@link PlayPath}), the subtitle streams with a signed WebVTT link for each text one, and the
 * ICE servers for WebRTC.
 */
final class PlayerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PlayerServlet.class);

    /** Signed links for one file: the file's own and one per subtitle stream. */
    interface Links {
        String file(long luid);

        String subtitles(long luid, int stream);
    }

    private final transient LongFunction<Optional<MediaFile>> catalog;
    private final transient Links links;
    private final transient Subtitles subtitles;
    private final transient Supplier<List<IceServer>> iceServers;

    PlayerServlet(LongFunction<Optional<MediaFile>> catalog, Links links, Subtitles subtitles,
                  Supplier<List<IceServer>> iceServers) {
        this.catalog = catalog;
        this.links = links;
        this.subtitles = subtitles;
        this.iceServers = iceServers;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(PeerWebContext.REMOTE_USER_ATTRIBUTE) == null) {
            json(response, 403, error("FORBIDDEN", "Sign in to play files."));
            return;
        }
        long luid;
        try {
            luid = Long.parseLong(String.valueOf(request.getParameter("id")));
        } catch (NumberFormatException e) {
            json(response, 400, error("INVALID", "Which file? /play?id=<luid>"));
            return;
        }
        Optional<MediaFile> file = catalog.apply(luid);
        if (file.isEmpty()) {
            json(response, 404, error("NO_SUCH_MEDIA", "No file has luid " + luid + "."));
            return;
        }
        if (!Files.isRegularFile(file.get().path())) {
            json(response, 410, error("FILE_GONE", "The file " + file.get().relativePath() + " is gone from disk."));
            return;
        }
        json(response, 200, info(file.get()));
    }

    String info(MediaFile file) {
        long luid = file.luid();
        MediaMetadata m = file.metadata().orElse(null);
        PlayPath.Decision path = m == null ? new PlayPath.Decision(Optional.empty(), "the file has not been probed")
                : PlayPath.decide(m.container(), m.videoCodec(), m.mainVideo().map(MediaStream::profile).orElse(null),
                        m.mainVideo().map(MediaStream::bitDepth).orElse(null), m.audioCodec());
        return "{\"luid\":" + luid + ",\"name\":" + Texts.json(file.fileName()) + ",\"link\":"
                + Texts.json(links.file(luid)) + ",\"size\":" + file.size() + ",\"file\":" + described(m)
                + ",\"direct\":" + direct(path) + ",\"subtitles\":" + subtitles(file) + ",\"iceServers\":" + ice()
                + "}";
    }

    private static String direct(PlayPath.Decision path) {
        if (path.candidate().isEmpty()) {
            return "{\"reason\":" + Texts.json(path.reason()) + "}";
        }
        PlayPath.Candidate c = path.candidate().get();
        return "{\"type\":" + Texts.json(c.type()) + ",\"videoType\":" + Texts.json(c.videoType())
                + ",\"audioType\":" + Texts.json(c.audioType()) + ",\"label\":" + Texts.json(c.label())
                + ",\"video\":" + Texts.json(c.video()) + ",\"audio\":" + Texts.json(c.audio()) + "}";
    }

    /** What the catalog knows of the file (the probe's metadata), shown beside what the stream delivers. */
    private static String described(MediaMetadata m) {
        if (m == null) {
            return "{}";
        }
        return "{\"width\":" + m.width() + ",\"height\":" + m.height() + ",\"kbps\":"
                + (m.bitrate() == null ? "null" : Long.toString(Math.round(m.bitrate() / 1000.0)))
                + ",\"codec\":" + Texts.json(m.videoCodec()) + ",\"audioCodec\":" + Texts.json(m.audioCodec())
                + ",\"container\":" + Texts.json(m.container()) + ",\"frameRate\":" + m.frameRate()
                + ",\"duration\":" + m.durationSeconds() + "}";
    }

    /** The file's subtitle streams; a text one carries its signed WebVTT link, the others are listed only. */
    private String subtitles(MediaFile file) {
        List<SubtitleTrack> tracks;
        try {
            tracks = subtitles.tracks(file.path());
        } catch (IOException | RuntimeException e) {
            LOG.debug("no subtitle list for {}: {}", file.path(), e.getMessage());
            return "[]";
        }
        List<String> out = new ArrayList<>();
        for (SubtitleTrack t : tracks) {
            out.add("{\"index\":" + t.index() + ",\"codec\":" + Texts.json(t.codec()) + ",\"language\":"
                    + Texts.json(t.language().orElse(null)) + ",\"title\":" + Texts.json(t.title().orElse(null))
                    + ",\"default\":" + t.isDefault() + ",\"forced\":" + t.forced() + ",\"text\":" + t.text()
                    + (t.text() ? ",\"src\":" + Texts.json(links.subtitles(file.luid(), t.index())) : "") + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    private String ice() {
        return iceServers.get().stream().map(s -> "{\"urls\":[" + s.urls().stream().map(Texts::json)
                .collect(Collectors.joining(",")) + "]" + s.username().map(u -> ",\"username\":" + Texts.json(u)).orElse("")
                + s.credential().map(c -> ",\"credential\":" + Texts.json(c)).orElse("") + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String error(String reason, String message) {
        return "{\"reason\":\"" + reason + "\",\"message\":" + Texts.json(message) + "}";
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
