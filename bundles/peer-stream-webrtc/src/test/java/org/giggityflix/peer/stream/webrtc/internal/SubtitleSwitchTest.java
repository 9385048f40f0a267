package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * Proves a session's subtitle choices without a browser: the forced subtitles of the audio's language by default
 * (and following an audio switch), text cues handed out at their time, image subtitles drawn by the reader, and
 * every choice that cannot be shown (no such stream, an unknown codec, a damaged or unreadable text stream) refused
 * with the reason while what was shown goes on.
 */
class SubtitleSwitchTest {

    private static final Path FILE = Path.of("film.mkv");
    private static final List<SubtitleTrack> TRACKS = List.of(
            track(3, "subrip", "eng", false, true),
            track(4, "subrip", "fre", true, true),
            track(5, "hdmv_pgs_subtitle", "eng", false, false),
            track(6, "unknown", "deu", false, false),
            track(7, "ass", "spa", false, true),
            track(8, "subrip", "ita", false, true));

    private static SubtitleTrack track(int index, String codec, String language, boolean forced, boolean text) {
        return new SubtitleTrack(index, codec, Optional.of(language), Optional.empty(), false, forced, text);
    }

    /** Cues per stream; stream 7 is damaged (nothing readable), stream 8 cannot be read at all. */
    private final SubtitleReader reader = new SubtitleReader() {
        @Override
        public List<SubtitleTrack> tracks(Path file) {
            return TRACKS;
        }

        @Override
        public List<SubtitleCue> cues(Path file, int streamIndex) throws IOException {
            return switch (streamIndex) {
                case 3 -> List.of(new SubtitleCue(2, 5, "Hello"), new SubtitleCue(8, 9, "Bye"));
                case 4 -> List.of(new SubtitleCue(1, 12, "Panneau : Sortie"));
                case 7 -> List.of();
                default -> throw new IOException("FFmpeg cannot open the subtitle decoder of stream " + streamIndex);
            };
        }
    };

    /** A reader that draws PGS stream 5 only, refusing the rest as FFmpeg's does. */
    private final StubReader frames = StubReader.pictures(30).drawing(5, stream -> "subtitle stream " + stream
            + " of film.mkv (" + TRACKS.stream().filter(t -> t.index() == stream).findFirst().orElseThrow().codec()
            + ") is not made of pictures FFmpeg can draw");
    private final RecordingSink sink = new RecordingSink();
    private final SubtitleSwitch subtitles = new SubtitleSwitch(FILE, reader, "s1");

    @Test
    void forcedSubtitlesOfTheAudioLanguageAreOnByDefaultAndFollowAnAudioSwitch() throws Exception {
        subtitles.open();
        subtitles.choose(SubtitleChoice.AUTO, Optional.of("eng"), frames, 0, sink);
        assertEquals(List.of("-1 off"), sink.shown, "no forced English subtitles");
        subtitles.audioChanged(Optional.of("fra"), frames, 0, sink);
        awaitShown("4 text");
        subtitles.at(1_000_000, sink);
        assertEquals(List.of("4 Panneau : Sortie"), sink.cues);
    }

    @Test
    void aChosenTextStreamSendsItsCuesAtTheirTimeAndAgainAfterASeek() throws Exception {
        subtitles.open();
        subtitles.choose(SubtitleChoice.parse("3"), Optional.of("fre"), frames, 0, sink);
        awaitShown("3 text");
        assertEquals(3, subtitles.shown());
        subtitles.at(1_000_000, sink);
        assertEquals(List.of(), sink.cues);
        subtitles.at(2_000_000, sink);
        assertEquals(List.of("3 Hello"), sink.cues);
        subtitles.seeked(3_000_000);
        subtitles.at(3_000_000, sink);
        assertEquals(List.of("3 Hello", "3 Hello"), sink.cues);
        subtitles.audioChanged(Optional.of("fre"), frames, 3_000_000, sink);
        assertEquals(3, subtitles.shown(), "a choice of the viewer's stays when the audio changes");
        subtitles.choose(SubtitleChoice.OFF, Optional.of("fre"), frames, 3_000_000, sink);
        subtitles.at(8_500_000, sink);
        assertEquals(List.of("3 Hello", "3 Hello"), sink.cues, "nothing once off");
        assertEquals(-1, subtitles.shown());
    }

    @Test
    void byLanguageFullSubtitlesComeBeforeForcedOnes() throws Exception {
        subtitles.open();
        subtitles.choose(SubtitleChoice.parse("en"), Optional.of("fre"), frames, 0, sink);
        awaitShown("3 text");
    }

    @Test
    void anImageStreamIsDrawnByTheReaderAndOffStopsIt() {
        subtitles.open();
        subtitles.choose(SubtitleChoice.parse("5"), Optional.of("eng"), frames, 0, sink);
        assertEquals(List.of("5 burn-in"), sink.shown);
        assertEquals(List.of(OptionalInt.of(5)), frames.drawn());
        subtitles.choose(SubtitleChoice.OFF, Optional.of("eng"), frames, 0, sink);
        assertEquals(List.of(OptionalInt.of(5), OptionalInt.empty()), frames.drawn());
        assertEquals("-1 off", sink.shown.get(sink.shown.size() - 1));
    }

    @Test
    void whatCannotBeShownIsRefusedAndWhatWasShownGoesOn() throws Exception {
        subtitles.open();
        subtitles.choose(SubtitleChoice.parse("3"), Optional.of("eng"), frames, 0, sink);
        awaitShown("3 text");

        subtitles.choose(SubtitleChoice.parse("9"), Optional.of("eng"), frames, 0, sink);
        assertEquals("subtitles: no subtitle stream 9 in film.mkv; subtitle streams: 3 (subrip, eng), 4 (subrip,"
                + " fre, forced), 5 (hdmv_pgs_subtitle, eng), 6 (unknown, deu), 7 (ass, spa), 8 (subrip, ita)",
                sink.refusals.get(0));
        subtitles.choose(SubtitleChoice.parse("jpn"), Optional.of("eng"), frames, 0, sink);
        assertTrue(sink.refusals.get(1).startsWith("subtitles: no subtitle stream in 'jpn' in film.mkv"),
                sink.refusals.get(1));

        subtitles.choose(SubtitleChoice.parse("6"), Optional.of("eng"), frames, 0, sink);
        assertEquals("subtitles: subtitle stream 6 (unknown) cannot be shown: subtitle stream 6 of film.mkv (unknown)"
                + " is not made of pictures FFmpeg can draw", sink.refusals.get(2));

        subtitles.choose(SubtitleChoice.parse("7"), Optional.of("eng"), frames, 0, sink);
        Await.until("the damaged stream refused", () -> {
            subtitles.at(0, sink);
            return sink.refusals.size() == 4;
        });
        assertEquals("subtitles: subtitle stream 7 has no line that can be read (damaged or empty)",
                sink.refusals.get(3));

        subtitles.choose(SubtitleChoice.parse("8"), Optional.of("eng"), frames, 0, sink);
        Await.until("the unreadable stream refused", () -> {
            subtitles.at(0, sink);
            return sink.refusals.size() == 5;
        });
        assertEquals("subtitles: subtitle stream 8 cannot be read: FFmpeg cannot open the subtitle decoder of"
                + " stream 8", sink.refusals.get(4));

        assertEquals(3, subtitles.shown(), "the English subtitles go on");
        subtitles.at(2_000_000, sink);
        assertEquals(List.of("3 Hello"), sink.cues);
    }

    @Test
    void aFileWhoseStreamsCannotBeListedHasNone() {
        SubtitleSwitch broken = new SubtitleSwitch(FILE, new SubtitleReader() {
            @Override
            public List<SubtitleTrack> tracks(Path file) throws IOException {
                throw new IOException("Invalid data found when processing input");
            }

            @Override
            public List<SubtitleCue> cues(Path file, int streamIndex) {
                return List.of();
            }
        }, "s2");
        broken.open();
        broken.choose(SubtitleChoice.AUTO, Optional.of("fre"), frames, 0, sink);
        broken.choose(SubtitleChoice.parse("3"), Optional.of("fre"), frames, 0, sink);
        assertEquals(List.of("-1 off"), sink.shown);
        assertEquals(List.of("subtitles: no subtitle stream 3 in film.mkv; it has no subtitle streams"),
                sink.refusals);
    }

    private void awaitShown(String what) throws Exception {
        Await.until(() -> "subtitles shown: " + what + "; so far " + sink.shown, () -> {
            subtitles.at(0, sink);
            return sink.shown.contains(what);
        });
    }
}
