package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.DecodedFrame.Picture;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.giggityflix.peer.testsupport.PgsFile;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BurnedInSubtitlesTest} is responsible for proving that image subtitles asked for are drawn into the
 * pictures a streaming viewer gets: a Blu-ray PGS stream and the same event as DVB subtitles (made from it by the
 * {@code ffmpeg} command), a white box over a black film from 1 s to 3 s, appear in their region at their time and
 * only there; a text stream, a missing stream and a damaged PGS event are refused or skipped with the video
 * going on; so is a stream in a codec FFmpeg does not know. A phone clip turned by its display matrix carries its
 * VobSub box turned with the picture.
 */
class BurnedInSubtitlesTest {

    /** The box, on a 640x360 canvas: bottom middle, where subtitles go. */
    private static final PgsFile.Box BOX = new PgsFile.Box(1.0, 3.0, 220, 280, 200, 40);

    @TempDir
    static Path dir;
    static Path pgs;
    static Path dvb;
    static Path damaged;
    static Path phone;

    @BeforeAll
    static void media() throws IOException {
        assumeTrue(Tools.present(Tool.FFMPEG), "the ffmpeg command is not installed");
        Path film = CliMedia.ffmpeg(dir.resolve("black.mp4"), "-f", "lavfi", "-i", "color=c=black:s=640x360:r=25:d=5",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path sup = new PgsFile(640, 360).box(BOX).write(dir.resolve("subs.sup"));
        Path srt = CliMedia.text(dir.resolve("subs.srt"), "1\n00:00:01,000 --> 00:00:03,000\nText\n\n");
        // Video 0, PGS 1, SubRip 2: a Blu-ray rip with a text track beside.
        pgs = CliMedia.ffmpeg(dir.resolve("film-pgs.mkv"), "-i", film.toString(), "-i", sup.toString(), "-i",
                srt.toString(), "-map", "0", "-map", "1", "-map", "2", "-c:v", "copy", "-c:s:0", "copy",
                "-c:s:1", "srt");
        dvb = CliMedia.ffmpeg(dir.resolve("film-dvb.mkv"), "-i", pgs.toString(), "-map", "0:0", "-map", "0:1",
                "-c:v", "copy", "-c:s", "dvbsub");
        Path bad = new PgsFile(640, 360).garbage(0.5, 300).box(BOX).write(dir.resolve("damaged.sup"));
        damaged = CliMedia.ffmpeg(dir.resolve("film-damaged.mkv"), "-i", film.toString(), "-i", bad.toString(),
                "-map", "0", "-map", "1", "-c", "copy");
        // A phone's 640x360 recording shown upright as 360x640 (Debian's ffmpeg 5.1: "rotate=90" is a matrix of 90°
        // counter-clockwise), with the box as VobSub in the MP4: Matroska keeps no display matrix in 5.1 and MP4 no
        // PGS. -fix_sub_duration gives the event the end VobSub needs (the box shows 1 s to 2 s).
        Path rotated = FfmpegCli.rotated(film, 90, dir.resolve("phone.mp4"));
        phone = CliMedia.ffmpeg(dir.resolve("phone-vobsub.mp4"), "-i", rotated.toString(), "-fix_sub_duration",
                "-i", sup.toString(), "-map", "0", "-map", "1", "-c:v", "copy", "-c:s", "dvdsub");
    }

    @Test
    void aRotatedPhoneClipsBoxTurnsWithThePicture() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(phone, FrameOptions.videoOnly())) {
            assertEquals(270, reader.rotation().degrees(), "turned counter-clockwise to be upright");
            reader.burnInSubtitles(OptionalInt.of(1));
            assertTrue(luma(pictureAt(reader, 0.5), 300, 320) < 40, "nothing before 1 s");
            Picture during = pictureAt(reader, 1.5);
            assertEquals(360, during.width());
            assertEquals(640, during.height());
            // Stored x 220..420, y 280..320 (the bottom middle); turned counter-clockwise the stored picture's bottom
            // is the upright one's right side: x 280..320, y 220..420, a tall bar.
            double bar = meanLuma(during, 284, 224, 316, 416);
            assertTrue(bar > 200, "the box turned with the picture: " + bar);
            assertTrue(Math.abs(chroma(during, 300, 320) - 128) < 12, "white, not tinted: " + chroma(during, 300, 320));
            // Where the stored canvas stretched over the upright picture would have put it (x 124..236, y 498..569),
            // and on both sides of the bar, the film stays black.
            assertTrue(meanLuma(during, 128, 502, 232, 565) < 40, "not stretched into the upright frame");
            assertTrue(luma(during, 270, 320) < 40 && luma(during, 330, 320) < 40, "only in its region");
            assertTrue(luma(during, 300, 210) < 40 && luma(during, 300, 430) < 40, "only in its region");
        }
    }

    @Test
    void aPgsStreamIsDrawnInItsRegionAtItsTime() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(pgs, FrameOptions.videoOnly())) {
            assertTrue(boxLuma(pictureAt(reader, 2.0)) < 40, "no subtitles unless asked for");
            reader.seek(0);
            reader.burnInSubtitles(OptionalInt.of(1));
            assertEquals(1, reader.burnedInSubtitles());
            assertDrawnFrom1To3(reader);
        }
    }

    @Test
    void dvbSubtitlesAreDrawnToo() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(dvb, FrameOptions.videoOnly())) {
            reader.burnInSubtitles(OptionalInt.of(1));
            // Debian's ffmpeg 5.1 converts the clearing event into a page without end (its 30 s time-out), so this
            // file's box stays: only its start is checked.
            Picture before = pictureAt(reader, 0.5);
            assertTrue(boxLuma(before) < 40, "nothing before 1 s: " + boxLuma(before));
            Picture during = pictureAt(reader, 2.0);
            assertTrue(boxLuma(during) > 200, "the white box at 2 s: " + boxLuma(during));
            assertTrue(luma(during, 100, 100) < 40, "only in its region");
        }
    }

    @Test
    void switchingOnWhilePlayingShowsTheBoxOnScreenNowAndOffStopsIt() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(pgs, FrameOptions.videoOnly())) {
            pictureAt(reader, 1.5);
            reader.burnInSubtitles(OptionalInt.of(1));
            assertTrue(boxLuma(pictureAt(reader, 2.0)) > 200, "the box sent before the switch is shown");
            reader.burnInSubtitles(OptionalInt.empty());
            assertEquals(-1, reader.burnedInSubtitles());
            assertTrue(boxLuma(pictureAt(reader, 2.5)) < 40, "switched off");
        }
    }

    @Test
    void aTextStreamOrAMissingOneIsRefusedAndWhatWasDrawnGoesOn() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(pgs, FrameOptions.videoOnly())) {
            reader.burnInSubtitles(OptionalInt.of(1));
            NoSuchTrackException text = assertThrows(NoSuchTrackException.class,
                    () -> reader.burnInSubtitles(OptionalInt.of(2)));
            assertTrue(text.getMessage().contains("subtitle stream 2 of film-pgs.mkv (subrip) is not made of pictures"),
                    text.getMessage());
            NoSuchTrackException missing = assertThrows(NoSuchTrackException.class,
                    () -> reader.burnInSubtitles(OptionalInt.of(7)));
            assertEquals("no subtitle stream 7 in film-pgs.mkv; subtitle streams: 1 (hdmv_pgs_subtitle), 2 (subrip)",
                    missing.getMessage());
            assertThrows(NoSuchTrackException.class, () -> reader.burnInSubtitles(OptionalInt.of(0)),
                    "the video stream is no subtitle stream");
            assertEquals(1, reader.burnedInSubtitles());
            assertDrawnFrom1To3(reader);
        }
    }

    @Test
    void aSubtitleStreamInAnUnknownCodecIsRefusedAndThePicturesOnesStillDraw() throws IOException {
        byte[] bytes = Files.readAllBytes(pgs);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin.indexOf("S_TEXT/UTF8");
        assertTrue(at > 0, "the SubRip track's codec id is in the header");
        System.arraycopy("S_TEXT/ZZZZ".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, 11);
        Path odd = Files.write(dir.resolve("film-unknown.mkv"), bytes);
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(odd, FrameOptions.videoOnly())) {
            NoSuchTrackException unknown = assertThrows(NoSuchTrackException.class,
                    () -> reader.burnInSubtitles(OptionalInt.of(2)));
            assertEquals("subtitle stream 2 of film-unknown.mkv (a codec FFmpeg does not know) is not made of"
                    + " pictures FFmpeg can draw", unknown.getMessage());
            reader.burnInSubtitles(OptionalInt.of(1));
            assertDrawnFrom1To3(reader);
        }
    }

    @Test
    void aDamagedEventIsSkippedAndTheRestIsDrawn() throws IOException {
        try (FfmpegFrameReader reader = FfmpegFrameReader.open(damaged, FrameOptions.videoOnly())) {
            reader.burnInSubtitles(OptionalInt.of(1));
            assertTrue(boxLuma(pictureAt(reader, 0.7)) < 40, "the garbage draws nothing");
            assertTrue(boxLuma(pictureAt(reader, 2.0)) > 200, "the next event is drawn");
            assertTrue(pictureAt(reader, 4.5) != null, "the video plays to its end");
        }
    }

    private static void assertDrawnFrom1To3(FfmpegFrameReader reader) throws IOException {
        Picture before = pictureAt(reader, 0.5);
        assertTrue(boxLuma(before) < 40, "nothing before 1 s: " + boxLuma(before));
        Picture during = pictureAt(reader, 2.0);
        assertTrue(boxLuma(during) > 200, "the white box at 2 s: " + boxLuma(during));
        assertTrue(luma(during, 100, 100) < 40, "only in its region");
        assertTrue(Math.abs(chroma(during, 320, 300) - 128) < 12, "white, not tinted: " + chroma(during, 320, 300));
        Picture after = pictureAt(reader, 3.5);
        assertTrue(boxLuma(after) < 40, "gone after 3 s: " + boxLuma(after));
    }

    /** The first picture at or after {@code seconds}, reading on from where the reader is. */
    private static Picture pictureAt(FfmpegFrameReader reader, double seconds) throws IOException {
        DecodedFrame frame;
        while ((frame = reader.next()) != null) {
            if (frame instanceof Picture p && p.timestampMicros() >= seconds * 1_000_000) {
                return p;
            }
        }
        throw new AssertionError("no picture at " + seconds + " s");
    }

    /** Mean luma inside the box (inset by 4 pixels). */
    private static double boxLuma(Picture p) {
        double sum = 0;
        int n = 0;
        for (int y = BOX.y() + 4; y < BOX.y() + BOX.h() - 4; y += 2) {
            for (int x = BOX.x() + 4; x < BOX.x() + BOX.w() - 4; x += 2) {
                sum += luma(p, x, y);
                n++;
            }
        }
        return sum / n;
    }

    /** Mean luma of the rectangle from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}), exclusive. */
    private static double meanLuma(Picture p, int x0, int y0, int x1, int y1) {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                sum += luma(p, x, y);
                n++;
            }
        }
        return sum / n;
    }

    private static int luma(Picture p, int x, int y) {
        return Byte.toUnsignedInt(p.y().get(p.y().position() + y * p.strideY() + x));
    }

    private static int chroma(Picture p, int x, int y) {
        return Byte.toUnsignedInt(p.u().get(p.u().position() + (y / 2) * p.strideU() + x / 2));
    }
}
