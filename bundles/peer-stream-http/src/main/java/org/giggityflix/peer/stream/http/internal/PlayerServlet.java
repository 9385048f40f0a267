package org.giggityflix.peer.stream.http.internal;

import static org.giggityflix.peer.stream.http.internal.JsonReplies.error;
import static org.giggityflix.peer.stream.http.internal.JsonReplies.json;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import javax.json.Json;
import javax.json.JsonArray;
import javax.json.JsonArrayBuilder;
import javax.json.JsonObject;
import javax.json.JsonObjectBuilder;
import javax.json.JsonValue;
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
        return Json.createObjectBuilder().add("luid", luid).add("name", JsonValues.of(file.fileName()))
                .add("link", links.file(luid)).add("size", file.size()).add("file", described(m))
                .add("direct", direct(path)).add("subtitles", subtitles(file)).add("iceServers", ice()).build()
                .toString();
    }

    private static JsonObject direct(PlayPath.Decision path) {
        if (path.candidate().isEmpty()) {
            return Json.createObjectBuilder().add("reason", JsonValues.of(path.reason())).build();
        }
        PlayPath.Candidate c = path.candidate().get();
        return Json.createObjectBuilder().add("type", JsonValues.of(c.type())).add("videoType", JsonValues.of(c.videoType()))
                .add("audioType", JsonValues.of(c.audioType())).add("label", JsonValues.of(c.label()))
                .add("video", JsonValues.of(c.video())).add("audio", JsonValues.of(c.audio())).build();
    }

    /** What the catalog knows of the file (the probe's metadata), shown beside what the stream delivers. */
    private static JsonObject described(MediaMetadata m) {
        if (m == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return Json.createObjectBuilder().add("width", JsonValues.of(m.width())).add("height", JsonValues.of(m.height()))
                .add("kbps", m.bitrate() == null ? JsonValue.NULL : Json.createValue(Math.round(m.bitrate() / 1000.0)))
                .add("codec", JsonValues.of(m.videoCodec())).add("audioCodec", JsonValues.of(m.audioCodec()))
                .add("container", JsonValues.of(m.container())).add("frameRate", JsonValues.of(m.frameRate()))
                .add("duration", JsonValues.of(m.durationSeconds())).build();
    }

    /** The file's subtitle streams; a text one carries its signed WebVTT link, the others are listed only. */
    private JsonArray subtitles(MediaFile file) {
        List<SubtitleTrack> tracks;
        try {
            tracks = subtitles.tracks(file.path());
        } catch (IOException | RuntimeException e) {
            LOG.debug("no subtitle list for {}: {}", file.path(), e.getMessage());
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (SubtitleTrack t : tracks) {
            JsonObjectBuilder track = Json.createObjectBuilder().add("index", t.index())
                    .add("codec", JsonValues.of(t.codec())).add("language", JsonValues.of(t.language().orElse(null)))
                    .add("title", JsonValues.of(t.title().orElse(null))).add("default", t.isDefault())
                    .add("forced", t.forced()).add("text", t.text());
            if (t.text()) {
                track.add("src", links.subtitles(file.luid(), t.index()));
            }
            out.add(track);
        }
        return out.build();
    }

    private JsonArray ice() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (IceServer s : iceServers.get()) {
            JsonObjectBuilder server = Json.createObjectBuilder().add("urls", Json.createArrayBuilder(s.urls()));
            s.username().ifPresent(u -> server.add("username", u));
            s.credential().ifPresent(c -> server.add("credential", c));
            out.add(server);
        }
        return out.build();
    }
}
