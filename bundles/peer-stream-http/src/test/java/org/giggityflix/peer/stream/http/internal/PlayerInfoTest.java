package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.testsupport.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PlayerInfoTest} is responsible for proving that what the player page reads from {@code /play/info} is JSON
 * whatever the file is called and whatever the probe did not learn: names with quotes, backslashes, control
 * characters and non-ASCII letters come back as written, unknown sizes and rates are null, and the ICE servers'
 * optional credentials are there only when set.
 */
class PlayerInfoTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithAnAwkwardNameAndPartialMetadataIsDescribedInValidJson() throws Exception {
        String name = "Amélie \"director's cut\" \\ <b>\u0001.mkv";
        Path path = Files.createFile(dir.resolve("film.mkv"));
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        MediaMetadata partial = new MediaMetadata(null, 1920, null, "h264", null, 4_200_000L, null, "matroska");
        MediaFile file = new MediaFile(7, Optional.empty(), path, dir, name, 1234, now, Optional.empty(),
                MediaStatus.READY, Optional.empty(), Optional.of(partial), now, now);
        PlayerServlet servlet = new PlayerServlet(luid -> Optional.of(file), new PlayerServlet.Links() {
            @Override
            public String file(long luid) {
                return "/stream/" + luid + "?e=1&s=x\"y";
            }

            @Override
            public String subtitles(long luid, int stream) {
                return "/stream/" + luid + "/sub/" + stream + ".vtt";
            }
        }, new Subtitles(p -> Optional.empty()), () -> List.of(
                new IceServer(List.of("stun:stun.example.org:3478"), Optional.empty(), Optional.empty()),
                new IceServer(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"),
                        Optional.of("viewer"), Optional.of("pa\"ss"))));

        Map<String, Object> info = Json.object(servlet.info(file));

        assertEquals(7L, info.get("luid"));
        assertEquals("film.mkv", info.get("name"), "the name on disk, not the catalog's relative path");
        assertEquals("/stream/7?e=1&s=x\"y", info.get("link"));
        assertEquals(1234L, info.get("size"));
        assertEquals(1920L, Json.at(info, "file", "width"));
        assertNull(Json.at(info, "file", "height"));
        assertEquals(4200L, Json.at(info, "file", "kbps"));
        assertNull(Json.at(info, "file", "frameRate"));
        assertNull(Json.at(info, "file", "duration"));
        assertNull(Json.at(info, "file", "audioCodec"));
        assertEquals(List.of(), info.get("subtitles"));
        assertEquals(List.of("stun:stun.example.org:3478"), Json.at(info, "iceServers", 0, "urls"));
        assertNull(Json.at(info, "iceServers", 0, "username"));
        assertEquals("viewer", Json.at(info, "iceServers", 1, "username"));
        assertEquals("pa\"ss", Json.at(info, "iceServers", 1, "credential"));
    }

    @Test
    void aFileWithoutMetadataSaysWhyItCannotPlayDirectly() throws Exception {
        String name = "Ünïcode \"quoted\"\n.mp4";
        Path path = Files.createFile(dir.resolve(name));
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        MediaFile file = new MediaFile(8, Optional.empty(), path, dir, name, 1, now, Optional.empty(),
                MediaStatus.PENDING, Optional.empty(), Optional.empty(), now, now);
        PlayerServlet servlet = new PlayerServlet(luid -> Optional.of(file), new PlayerServlet.Links() {
            @Override
            public String file(long luid) {
                return "/stream/8";
            }

            @Override
            public String subtitles(long luid, int stream) {
                return "/stream/8/sub";
            }
        }, new Subtitles(p -> Optional.empty()), List::of);

        Map<String, Object> info = Json.object(servlet.info(file));

        assertEquals(name, info.get("name"));
        assertEquals(Map.of(), info.get("file"));
        assertEquals("the file has not been probed", Json.at(info, "direct", "reason"));
        assertEquals(List.of(), info.get("iceServers"));
    }
}
