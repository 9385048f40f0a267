package org.giggityflix.peer.shell.internal;

import static org.giggityflix.peer.shell.internal.StatusCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code MediaCommandsTest} is responsible for proving {@code peer:media-list} paging and filters, and
 * {@code peer:media-show} details and bad-input messages.
 */
class MediaCommandsTest {

    private final Fakes.Catalog catalog = new Fakes.Catalog();

    @BeforeEach
    void fill() {
        for (int i = 1; i <= 12; i++) {
            catalog.files.add(Fakes.file(i, String.format("movie-%02d.mkv", i),
                    i == 12 ? MediaStatus.ERROR : MediaStatus.READY));
        }
    }

    private MediaListCommand list() {
        MediaListCommand c = new MediaListCommand();
        c.catalog = catalog;
        c.zone = ZoneOffset.UTC;
        return c;
    }

    private MediaShowCommand show(String luid) {
        MediaShowCommand c = new MediaShowCommand();
        c.catalog = catalog;
        c.luid = luid;
        c.zone = ZoneOffset.UTC;
        return c;
    }

    @Test
    void listPagesWithAFooterPointingToTheNextPage() {
        MediaListCommand c = list();
        c.offset = 5;
        c.limit = 4;

        String out = Fakes.output(c::run);

        assertContains(out, "movie-06.mkv");
        assertContains(out, "movie-09.mkv");
        assertFalse(out.contains("movie-05.mkv"), out);
        assertFalse(out.contains("movie-10.mkv"), out);
        assertContains(out, "Files 6-9 of 12 (next page: --offset 9)");
        assertContains(out, "1.5 MiB");
        assertEquals(5, catalog.lastQuery.offset());
        assertEquals(4, catalog.lastQuery.limit());
    }

    @Test
    void lastPageHasNoNextHint() {
        MediaListCommand c = list();
        c.offset = 10;

        String out = Fakes.output(c::run);

        assertContains(out, "Files 11-12 of 12");
        assertFalse(out.contains("next page"), out);
    }

    @Test
    void listFiltersByStatusListAndSearchText() {
        MediaListCommand c = list();
        c.statuses = List.of("error, Pending");
        c.search = " MOVIE-1 ";

        String out = Fakes.output(c::run);

        assertEquals(Set.of(MediaStatus.ERROR, MediaStatus.PENDING), catalog.lastQuery.statuses());
        assertEquals(Optional.of("MOVIE-1"), catalog.lastQuery.text());
        assertContains(out, "movie-12.mkv");
        assertContains(out, "Files 1-1 of 1");
    }

    @Test
    void limitOutOfRangeIsExplained() {
        MediaListCommand c = list();
        c.limit = 0;

        assertEquals("--limit must be between 1 and 10000, was 0\n", Fakes.failure(c::run));
        c.limit = 10_001;
        assertContains(Fakes.failure(c::run), "--limit must be between 1 and 10000, was 10001");
        assertNull(catalog.lastQuery, "catalog never asked");
    }

    @Test
    void negativeOffsetAndUnknownStatusAreExplained() {
        MediaListCommand c = list();
        c.offset = -1;
        assertContains(Fakes.failure(c::run), "--offset must be 0 or more, was -1");

        c.offset = 0;
        c.statuses = List.of("done");
        assertContains(Fakes.failure(c::run),
                "Unknown status 'done'; one of: pending, processing, ready, error, deleted");
    }

    @Test
    void idCompleterOffersTheCatalogsIds() {
        LuidCompleter completer = new LuidCompleter();
        completer.catalog = catalog;

        assertEquals(12, completer.values().size());
        assertEquals("1", completer.values().get(0));
    }

    @Test
    void catalogFailureIsASentenceAndFailsTheCommand() {
        MediaListCommand c = list();
        c.catalog = new Fakes.Catalog() {
            @Override
            public List<MediaFile> list(org.giggityflix.peer.api.catalog.MediaQuery query) {
                throw new org.giggityflix.peer.api.catalog.CatalogException("database is locked");
            }
        };

        assertEquals("The catalog could not answer: database is locked\n", Fakes.failure(c::run));
    }

    @Test
    void emptyResultSaysSo() {
        MediaListCommand c = list();
        c.search = "nothing-like-this";

        assertContains(Fakes.output(c::run), "No cataloged files match.");
    }

    @Test
    void showPrintsAllFieldsMetadataAndHashes() {
        MediaFile base = Fakes.file(42, "shows/pilot.mkv", MediaStatus.READY);
        catalog.files.add(new MediaFile(42, Optional.of("edge-77"), base.path(), base.mediaRoot(),
                base.relativePath(), base.size(), base.modified(), Optional.of("(dev=2049,ino=11)"),
                MediaStatus.READY, Optional.empty(),
                Optional.of(new MediaMetadata(3725.0, 1920, 1080, "h264", "aac", 5_000_000L, 23.976, "matroska")),
                base.discovered(), base.updated()));
        catalog.hashes.put(42L, Map.of("sha1", "ab12", "md5", "cd34"));

        String out = Fakes.output(show("42")::run);

        for (String s : List.of("42", "edge-77", "/media/videos/shows/pilot.mkv", "shows/pilot.mkv",
                "1.5 MiB (1,572,864 bytes)", "2026-11-25 10:00:00", "(dev=2049,ino=11)", "ready",
                "1h 02m", "1920x1080", "h264", "aac", "5000 kb/s", "23.976 fps", "matroska",
                "Hash md5", "cd34", "Hash sha1", "ab12")) {
            assertContains(out, s);
        }
    }

    @Test
    void showListsEveryTrackInATable() {
        MediaFile base = Fakes.file(43, "films/film.mkv", MediaStatus.READY);
        List<MediaStream> streams = List.of(
                MediaStream.builder(0, StreamKind.VIDEO).codec("hevc").profile("Main 10").displaySize(180, 320)
                        .codedSize(320, 180).rotation(90).pixelFormat("yuv420p10le").bitDepth(10)
                        .hdr(HdrTransfer.PQ).frameRate(29.97).defaultTrack(true).build(),
                MediaStream.builder(1, StreamKind.AUDIO).codec("aac").profile("LC").channels(2)
                        .channelLayout("stereo").sampleRate(48_000).language("eng").title("English").defaultTrack(true)
                        .build(),
                MediaStream.builder(2, StreamKind.AUDIO).codec("ac3").channels(6).channelLayout("5.1(side)")
                        .sampleRate(48_000).language("fre").title("Français").build(),
                MediaStream.builder(3, StreamKind.SUBTITLE).language("ger").forced(true).build());
        catalog.files.add(new MediaFile(43, Optional.empty(), base.path(), base.mediaRoot(), base.relativePath(),
                base.size(), base.modified(), Optional.empty(), MediaStatus.READY, Optional.empty(),
                Optional.of(new MediaMetadata(60.0, 180, 320, "hevc", "aac", 1_000L, 29.97, "matroska", streams)),
                base.discovered(), base.updated()));

        String out = Fakes.output(show("43")::run);

        assertContains(out, "180x320 (HDR PQ, 10-bit)");
        assertContains(out, "Tracks");
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("Kind") && l.contains("Language"))
                .findFirst().orElseThrow());
        String video = lines.get(header + 2);
        for (String s : List.of("0", "video", "hevc (Main 10)", "180x320", "stored 320x180 rotated 90",
                "yuv420p10le", "10-bit", "HDR PQ", "29.970 fps", "default")) {
            assertContains(video, s);
        }
        String english = lines.get(header + 3);
        for (String s : List.of("audio", "aac (LC)", "2 ch", "stereo", "48000 Hz", "eng", "English", "default")) {
            assertContains(english, s);
        }
        assertContains(lines.get(header + 4), "5.1(side)");
        assertContains(lines.get(header + 4), "Français");
        String subtitle = lines.get(header + 5);
        for (String s : List.of("subtitle", "unknown", "ger", "forced")) {
            assertContains(subtitle, s);
        }
    }

    @Test
    void showOfAFileProbedBeforeStreamsWereListedSaysTheNextScanListsThem() {
        MediaFile base = Fakes.file(44, "old.mkv", MediaStatus.READY);
        catalog.files.add(new MediaFile(44, Optional.empty(), base.path(), base.mediaRoot(), base.relativePath(),
                base.size(), base.modified(), Optional.empty(), MediaStatus.READY, Optional.empty(),
                Optional.of(new MediaMetadata(60.0, 1920, 1080, "h264", "aac", 1_000L, 25.0, "matroska")),
                base.discovered(), base.updated()));

        assertContains(Fakes.output(show("44")::run), "the next scan lists them");
    }

    @Test
    void showOfAnUnprobedErrorFileSaysWhy() {
        MediaFile base = Fakes.file(70, "bad.avi", MediaStatus.ERROR);
        catalog.files.add(new MediaFile(70, Optional.empty(), base.path(), base.mediaRoot(), base.relativePath(),
                base.size(), base.modified(), Optional.empty(), MediaStatus.ERROR, Optional.of("unreadable header"),
                Optional.empty(), base.discovered(), base.updated()));

        String out = Fakes.output(show("70")::run);

        assertContains(out, "error: unreadable header");
        assertContains(out, "not probed yet");
        assertContains(out, "none stored yet (peer:hash 70 computes them)");
    }

    @Test
    void showOfAnUnknownIdSaysSo() {
        assertEquals("No cataloged file with id 999\n", Fakes.failure(show("999")::run));
    }

    @Test
    void showNeedsANumericId() {
        assertContains(Fakes.failure(show("abc")::run), "'abc' is not a file id");
        assertContains(Fakes.failure(show("-3")::run), "'-3' is not a file id");
        assertContains(Fakes.failure(show(null)::run), "Which file?");
    }

    @Test
    void missingCatalogIsExplained() {
        MediaListCommand c = list();
        c.catalog = null;
        assertEquals(Messages.NO_CATALOG + "\n", Fakes.failure(c::run));
        MediaShowCommand s = show("1");
        s.catalog = null;
        assertEquals(Messages.NO_CATALOG + "\n", Fakes.failure(s::run));
    }
}
