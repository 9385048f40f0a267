package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.testsupport.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SubtitleLinkTest} is responsible for proving signed subtitle links: a link names the file and the stream
 * index, and changing either, the expiry or the signature fails; a file's own link does not open its subtitles (nor
 * the other way round); an expired link is refused; a path that is not a subtitle link is a 400.
 */
class SubtitleLinkTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSubtitleLinkOpensItsStreamOfItsFileAndNothingElse() throws Exception {
        LinkSigner signer = LinkSigner.load(dir);
        Path film = Files.writeString(dir.resolve("film.mkv"), "not really a film");
        LinkGate gate = new LinkGate(signer, luid -> luid == 7 || luid == 8
                ? Optional.of(HttpPlaybackTest.file(luid, film)) : Optional.<MediaFile>empty(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        long expiry = NOW.getEpochSecond() + 600;
        String link = signer.subtitlePath(7, 3, expiry);
        assertTrue(link.startsWith("/stream/7/subtitles/3.vtt?exp=" + expiry + "&sig="), link);

        LinkGate.Outcome ok = check(gate, link);
        assertEquals(200, ok.status(), ok.message());
        assertEquals(3, ok.stream());
        assertEquals(7, ok.luid());
        assertEquals(film, ok.file());

        assertEquals(403, check(gate, link.replace("/subtitles/3.vtt", "/subtitles/4.vtt")).status(), "other stream");
        assertEquals(403, check(gate, link.replace("/stream/7/", "/stream/8/")).status(), "other file");
        assertEquals(403, check(gate, link.replace("exp=" + expiry, "exp=" + (expiry + 86400))).status(),
                "stretched");
        String sig = Query.parse(link.substring(link.indexOf('?') + 1)).get("sig");
        // another first character (a signature that already began with "A" was not edited at all: 1 run in 64)
        String edited = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertEquals(403, check(gate, link.replace(sig, edited)).status(), "edited signature");
        assertEquals(403, check(gate, "/stream/7?exp=" + expiry + "&sig=" + sig).status(),
                "a subtitle signature does not open the file");
        String fileLink = signer.path(7, expiry);
        String fileSig = Query.parse(fileLink.substring(fileLink.indexOf('?') + 1)).get("sig");
        assertEquals(403, check(gate, "/stream/7/subtitles/3.vtt?exp=" + expiry + "&sig=" + fileSig).status(),
                "a file signature does not open its subtitles");
    }

    @Test
    void expiredAndMalformedLinksAreRefused() throws Exception {
        LinkSigner signer = LinkSigner.load(dir);
        Path film = Files.writeString(dir.resolve("film.mkv"), "x");
        LinkGate gate = new LinkGate(signer, luid -> Optional.of(HttpPlaybackTest.file(luid, film)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        LinkGate.Outcome expired = check(gate, signer.subtitlePath(7, 3, NOW.getEpochSecond() - 1));
        assertEquals(403, expired.status());
        assertTrue(expired.message().contains("expired"), expired.message());
        long expiry = NOW.getEpochSecond() + 60;
        String sig = signer.sign(7, 3, expiry);
        for (String bad : new String[] {"/7/subtitles/3.srt", "/7/subtitles/-3.vtt", "/7/subtitles/.vtt",
                "/7/subtitles/x.vtt", "/x/subtitles/3.vtt"}) {
            assertEquals(400, gate.check(bad, String.valueOf(expiry), sig).status(), bad);
        }
    }

    private static LinkGate.Outcome check(LinkGate gate, String link) {
        int q = link.indexOf('?');
        Map<String, String> query = Query.parse(link.substring(q + 1));
        return gate.check(link.substring("/stream".length(), q), query.get("exp"), query.get("sig"));
    }
}
