package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FfmpegSubtitleProviderTest} is responsible for proving the in-process subtitle reader on files made the
 * way release groups and phones make them (the {@code ffmpeg} command): a Matroska film with an English SubRip track
 * and a forced French ASS track, an MP4 with mov_text, a WebM with WebVTT; a SubRip file with broken entries gives
 * the entries that parse; a stream that is not text, or not a subtitle, is refused with a reason.
 */
class FfmpegSubtitleProviderTest {

    private static final String SRT = """
            1
            00:00:00,500 --> 00:00:01,500
            Hello <b>there</b> & welcome

            2
            00:00:02,000 --> 00:00:03,250
            Second line
            and its continuation

            """;

    private static final String ASS = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 640
            PlayResY: 360

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\i1}Bonjour{\\i0}, mes amis\\Nça va?
            Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\an8\\pos(320,20)}Panneau
            """;

    @TempDir
    static Path dir;

    private final FfmpegSubtitleProvider provider = new FfmpegSubtitleProvider();

    @BeforeAll
    static void ffmpegIsThere() {
        assumeTrue(Tools.present(Tool.FFMPEG), "the ffmpeg command makes the test media");
    }

    @Test
    void aMatroskaFilmListsItsSubtitleTracksWithLanguageAndFlags() throws Exception {
        Path film = film();
        List<SubtitleTrack> tracks = provider.tracks(film);
        assertEquals(2, tracks.size(), tracks.toString());
        SubtitleTrack english = tracks.get(0);
        assertEquals(2, english.index(), "video 0, audio 1, then the subtitles");
        assertEquals("subrip", english.codec());
        assertEquals(Optional.of("eng"), english.language());
        assertTrue(english.text());
        assertFalse(english.forced());
        SubtitleTrack french = tracks.get(1);
        assertEquals("ass", french.codec());
        assertEquals(Optional.of("fre"), french.language());
        assertEquals(Optional.of("Forced"), french.title());
        assertTrue(french.forced());
        assertTrue(french.text());
    }

    @Test
    void subRipCuesKeepTheirTimesAndTextAndAssMarkupIsStripped() throws Exception {
        Path film = film();
        List<SubtitleCue> english = provider.cues(film, 2);
        assertEquals(2, english.size(), english.toString());
        // The muxer shifts every stream by the AAC encoder's 23 ms priming: times are the file's own timeline.
        assertEquals(0.5, english.get(0).startSeconds(), 0.03);
        assertEquals(1.5, english.get(0).endSeconds(), 0.03);
        assertEquals("Hello there & welcome", english.get(0).text(), "SubRip's <b> is markup, not text");
        assertEquals("Second line\nand its continuation", english.get(1).text());
        assertEquals(3.25, english.get(1).endSeconds(), 0.03);

        List<SubtitleCue> french = provider.cues(film, 3);
        assertEquals(2, french.size(), french.toString());
        assertEquals("Bonjour, mes amis\nça va?", french.get(0).text());
        assertEquals(1.0, french.get(0).startSeconds(), 0.03);
        assertEquals(2.0, french.get(0).endSeconds(), 0.03);
        assertEquals("Panneau", french.get(1).text());
    }

    @Test
    void movTextInMp4AndWebVttInWebmAreReadToo() throws Exception {
        Path srt = write("mov.srt", SRT);
        Path mp4 = ffmpeg("phone.mp4", "-f", "lavfi", "-i", "color=c=blue:s=160x90:d=4", "-i", srt.toString(),
                "-map", "0", "-map", "1", "-c:v", "libx264", "-c:s", "mov_text");
        List<SubtitleTrack> tracks = provider.tracks(mp4);
        assertEquals("mov_text", tracks.get(0).codec());
        List<SubtitleCue> cues = provider.cues(mp4, tracks.get(0).index());
        assertEquals(List.of("Hello there & welcome", "Second line\nand its continuation"),
                cues.stream().map(SubtitleCue::text).toList());

        Path webm = ffmpeg("clip.webm", "-f", "lavfi", "-i", "color=c=blue:s=160x90:d=4", "-i", srt.toString(),
                "-map", "0", "-map", "1", "-c:v", "libvpx", "-c:s", "webvtt");
        List<SubtitleTrack> webmTracks = provider.tracks(webm);
        assertEquals("webvtt", webmTracks.get(0).codec());
        assertEquals(2.0, provider.cues(webm, webmTracks.get(0).index()).get(1).startSeconds(), 0.01);
    }

    @Test
    void aSubRipFileWithBrokenEntriesGivesTheEntriesThatParse() throws Exception {
        Path bad = write("bad.srt", """
                1
                00:00:01,000 --> 00:00:02,000
                Good one

                2
                00:00:xx,000 --> banana
                Broken timing

                \u0001garbage\u00ff }{ -->

                3
                00:00:05,000 --> 00:00:04,000
                Ends before it starts

                4
                00:00:06,000 --> 00:00:07,000
                Good two

                """);
        Path mkv = ffmpeg("bad.mkv", "-f", "lavfi", "-i", "color=c=blue:s=160x90:d=8", "-i", bad.toString(), "-map",
                "0", "-map", "1", "-c:v", "libx264", "-c:s", "copy");
        List<SubtitleCue> cues = provider.cues(mkv, 1);
        List<String> texts = cues.stream().map(SubtitleCue::text).toList();
        // FFmpeg's SubRip reader takes an entry it cannot time as more text of the one before.
        assertTrue(texts.get(0).startsWith("Good one"), texts.toString());
        assertEquals(1.0, cues.get(0).startSeconds(), 0.01);
        assertTrue(texts.contains("Good two"), texts.toString());
        for (SubtitleCue cue : cues) {
            assertTrue(cue.endSeconds() > cue.startSeconds(), cue.toString());
        }
    }

    @Test
    void aStreamThatIsNotTextOrNotASubtitleIsRefusedWithAReason() throws Exception {
        Path film = film();
        IOException video = assertThrows(IOException.class, () -> provider.cues(film, 0));
        assertTrue(video.getMessage().contains("not a subtitle stream"), video.getMessage());
        IOException missing = assertThrows(IOException.class, () -> provider.cues(film, 9));
        assertTrue(missing.getMessage().contains("not a subtitle stream"), missing.getMessage());

        // A subtitle track whose codec FFmpeg does not know (its Matroska codec id changed to one that no one uses).
        byte[] bytes = Files.readAllBytes(film);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin.indexOf("S_TEXT/UTF8");
        assertTrue(at > 0, "the SubRip track's codec id is in the header");
        byte[] unknown = bytes.clone();
        System.arraycopy("S_TEXT/ZZZZ".getBytes(StandardCharsets.US_ASCII), 0, unknown, at, 11);
        Path odd = Files.write(dir.resolve("unknown-codec.mkv"), unknown);
        SubtitleTrack listed = provider.tracks(odd).get(0);
        assertEquals(2, listed.index());
        assertFalse(listed.text(), "an unknown subtitle codec is listed, not offered as text");
        IOException notText = assertThrows(IOException.class, () -> provider.cues(odd, listed.index()));
        assertTrue(notText.getMessage().contains("not text"), notText.getMessage());
        assertEquals(2, provider.cues(odd, 3).size(), "the other track still reads");
    }

    private static Path film() throws IOException, InterruptedException {
        Path film = dir.resolve("film.mkv");
        if (Files.exists(film)) {
            return film;
        }
        Path srt = write("en.srt", SRT);
        Path ass = write("fr.ass", ASS);
        return ffmpeg("film.mkv", "-f", "lavfi", "-i", "color=c=black:s=160x90:d=5", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=5", "-i", srt.toString(), "-i", ass.toString(),
                "-map", "0", "-map", "1", "-map", "2", "-map", "3", "-c:v", "libx264", "-c:a", "aac", "-c:s", "copy",
                "-metadata:s:s:0", "language=eng", "-metadata:s:s:1", "language=fre",
                "-metadata:s:s:1", "title=Forced", "-disposition:s:1", "forced");
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path ffmpeg(String name, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
        return out;
    }
}
