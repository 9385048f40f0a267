package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.DecodedFrame.Picture;
import org.giggityflix.peer.api.media.DecodedFrame.Sound;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FrameSourceTest} is responsible for proving what a streaming viewer gets from {@link FfmpegFrameSource}
 * on files made the way phones, cameras and release groups make them (with the {@code ffmpeg} command): pictures
 * the right way up for every display rotation (checked against the command line's own autorotation), the chosen
 * audio track (and a clear refusal of one that does not exist), and files cut short ending with a reason after the
 * part that decodes.
 */
class FrameSourceTest {

    @TempDir
    static Path dir;

    private static Path upright;

    private final FfmpegFrameSource source = new FfmpegFrameSource(new LibavLog());

    @BeforeAll
    static void media() throws IOException {
        assumeTrue(Tools.present(Tool.FFMPEG), "the ffmpeg command is not installed");
        // A grey picture with a white band along its top (the camera's top) and a 440 Hz tone.
        upright = dir.resolve("upright.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "color=c=gray:s=320x240:r=25:d=2,drawbox=x=0:y=0:w=iw:h=40:color=white:t=fill",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", upright.toString());
    }

    @Test
    void anUprightFileComesOutAsItIs() throws IOException {
        try (FrameReader reader = source.open(upright, FrameOptions.withAudio(1))) {
            assertEquals(320, reader.width());
            assertEquals(240, reader.height());
            Picture picture = firstPicture(reader);
            assertEquals(320, picture.width());
            assertTrue(band(picture, Side.TOP) > 200, "the white band is at the top");
            assertTrue(band(picture, Side.BOTTOM) < 160);
        }
    }

    @Test
    void aPhoneVideoRotatedByItsDisplayMatrixIsTurnedUpright() throws IOException {
        for (int degrees : new int[] {90, 180, 270}) {
            Path file = FfmpegCli.rotated(upright, degrees, dir.resolve("rotated" + degrees + ".mp4"));
            try (FfmpegFrameReader reader = FfmpegFrameReader.open(file, FrameOptions.videoOnly())) {
                boolean portrait = degrees != 180;
                assertEquals(portrait ? 240 : 320, reader.width(), degrees + "°");
                assertEquals(portrait ? 320 : 240, reader.height(), degrees + "°");
                Picture picture = firstPicture(reader);
                assertEquals(reader.width(), picture.width());
                assertEquals(reader.height(), picture.height());
                if (portrait) {
                    assertTrue(picture.height() > picture.width(), "taller than wide");
                }
                // Debian's ffmpeg 5.1 writes "rotate=90" as a display matrix of 90° counter-clockwise (ffprobe:
                // rotation=90): players turn the picture that way and the camera's top goes left.
                Side expected = switch (degrees) {
                    case 90 -> Side.LEFT;
                    case 180 -> Side.BOTTOM;
                    default -> Side.RIGHT;
                };
                assertTrue(band(picture, expected) > 200, degrees + "°: the band is on the " + expected + " side");
                assertTrue(band(picture, Side.TOP) < 200 || expected == Side.TOP, degrees + "°: not on top");
                // The very picture the ffmpeg command line shows (its autorotation), pixel for pixel within coding.
                byte[] reference = FfmpegCli.firstLuma(file);
                assertEquals(picture.width() * picture.height(), reference.length);
                assertTrue(meanDifference(picture, reference) < 3, degrees + "°: like ffmpeg's own");
            }
        }
    }

    @Test
    void theChosenAudioTrackIsHeardAndAMissingOneIsRefused() throws IOException {
        Path film = dir.resolve("two-languages.mkv");
        FfmpegCli.run("-f", "lavfi", "-i", "color=c=gray:s=160x120:r=25:d=3",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
                "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=44100:duration=3",
                "-map", "0", "-map", "1", "-map", "2", "-c:v", "libx264", "-c:a", "aac",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre",
                "-disposition:a:0", "0", "-disposition:a:1", "default", film.toString());
        try (FrameReader reader = source.open(film, FrameOptions.withAudio(1))) {
            assertEquals(2, reader.audioTracks().size());
            assertEquals(OptionalInt.of(2), reader.audioTrack(), "the track flagged default");
            assertEquals(880, frequency(reader), 30);
        }
        try (FrameReader reader = source.open(film, new FrameOptions(TrackChoice.parse("eng"), Optional.empty(), 1))) {
            assertEquals(OptionalInt.of(1), reader.audioTrack());
            assertEquals(440, frequency(reader), 30);
            reader.selectAudioTrack(TrackChoice.parse("fr")); // 639-1 for the file's 639-2/B "fre"
            assertEquals(OptionalInt.of(2), reader.audioTrack());
            assertEquals(880, frequency(reader), 30);
            NoSuchTrackException wrong = assertThrows(NoSuchTrackException.class,
                    () -> reader.selectAudioTrack(TrackChoice.language("deu")));
            assertTrue(wrong.getMessage().contains("'deu'") && wrong.getMessage().contains("1 (eng)"),
                    wrong.getMessage());
            assertEquals(OptionalInt.of(2), reader.audioTrack(), "a refused switch changes nothing");
            assertNotNull(reader.next());
        }
        NoSuchTrackException video = assertThrows(NoSuchTrackException.class,
                () -> source.open(film, new FrameOptions(TrackChoice.index(0), Optional.empty(), 1)));
        assertTrue(video.getMessage().contains("stream 0"), video.getMessage());
    }

    @Test
    void aFileCutShortPlaysItsFirstPartThenSaysWhereItBrokeOff() throws IOException {
        Path whole = dir.resolve("whole.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=10", "-c:v", "libx264", "-g", "25",
                "-movflags", "+faststart", whole.toString());
        Path mkv = dir.resolve("whole.mkv");
        FfmpegCli.run("-i", whole.toString(), "-c", "copy", mkv.toString());
        for (Path cut : new Path[] {FfmpegCli.cut(whole, 0.55, dir.resolve("half.mp4")),
                FfmpegCli.cut(mkv, 0.55, dir.resolve("half.mkv"))}) {
            try (FrameReader reader = source.open(cut, FrameOptions.videoOnly())) {
                int pictures = 0;
                long last = 0;
                IOException broke = null;
                try {
                    for (DecodedFrame f; (f = reader.next()) != null; ) {
                        pictures++;
                        last = f.timestampMicros();
                    }
                } catch (IOException e) {
                    broke = e;
                }
                assertNotNull(broke, cut + " ends with a reason");
                assertTrue(broke.getMessage().contains("breaks off at"), broke.getMessage());
                assertTrue(pictures > 100 && last > 4_000_000 && last < 7_000_000,
                        cut + ": " + pictures + " pictures up to " + last + " µs");
            }
        }
    }

    @Test
    void aPqClipStreamsAsSdrNotWashedOut() throws IOException {
        Path sdr = dir.resolve("sdr.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", sdr.toString());
        Path pq = dir.resolve("pq.mkv");
        FfmpegCli.run("-i", sdr.toString(), "-vf", "zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020"
                        + ":m=bt2020nc:npl=100,format=yuv420p10le", "-c:v", "libx265", "-x265-params",
                "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc", pq.toString());
        double[] want;
        try (FrameReader reader = source.open(sdr, FrameOptions.videoOnly())) {
            want = lumaAndChroma(firstPicture(reader));
        }
        double[] got;
        try (FrameReader reader = source.open(pq, FrameOptions.videoOnly())) {
            got = lumaAndChroma(firstPicture(reader));
        }
        // The control: the PQ code values read as if they were SDR (what a transport without tone mapping sends).
        byte[] raw = FfmpegCli.run("-i", pq.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                "-");
        double[] washedOut = lumaAndChroma(new Picture(0, 320, 240, ByteBuffer.wrap(raw, 0, 320 * 240).slice(), 320,
                ByteBuffer.wrap(raw, 320 * 240, 160 * 120).slice(), 160,
                ByteBuffer.wrap(raw, 320 * 240 + 160 * 120, 160 * 120).slice(), 160));
        String figures = String.format("luma/chroma: SDR %.0f/%.1f, streamed %.0f/%.1f, untouched %.0f/%.1f",
                want[0], want[1], got[0], got[1], washedOut[0], washedOut[1]);
        assertTrue(washedOut[1] < 0.7 * want[1], "the control is washed out: " + figures);
        assertTrue(got[1] > 0.85 * want[1] && got[1] < 1.15 * want[1], "colour kept: " + figures);
        assertTrue(Math.abs(got[0] - want[0]) < 0.1 * want[0], "brightness kept: " + figures);
    }

    @Test
    void tenBitSdrComesOutAsFfmpegsOwnConversionWithoutMoreBanding() throws IOException {
        // A smooth 10-bit ramp (HEVC Main 10, as release groups encode SDR too): the banding test of a conversion.
        Path ramp = dir.resolve("ramp10.mkv");
        FfmpegCli.run("-f", "lavfi", "-i", "color=c=black:s=640x64:r=25:d=1,format=yuv420p10le,"
                        + "geq=lum='64+X*(940-64)/W':cb=512:cr=512", "-c:v", "libx265", "-x265-params",
                "log-level=error:lossless=1", "-pix_fmt", "yuv420p10le", ramp.toString());
        Picture picture;
        try (FrameReader reader = source.open(ramp, FrameOptions.videoOnly())) {
            picture = firstPicture(reader);
        }
        byte[] cli = FfmpegCli.run("-i", ramp.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                "-");
        double difference = 0;
        java.util.Set<Integer> ours = new java.util.HashSet<>();
        java.util.Set<Integer> theirs = new java.util.HashSet<>();
        for (int row = 0; row < 64; row++) {
            for (int col = 0; col < 640; col++) {
                int a = picture.y().get(picture.y().position() + row * picture.strideY() + col) & 0xff;
                int b = cli[row * 640 + col] & 0xff;
                difference += Math.abs(a - b);
                ours.add(a);
                theirs.add(b);
            }
        }
        assertTrue(difference / (64 * 640) < 1.0, "like ffmpeg's own conversion: " + difference / (64 * 640));
        assertTrue(ours.size() >= theirs.size() - 2, "levels: ours " + ours.size() + ", ffmpeg's " + theirs.size());
        assertTrue(ours.size() > 200, "a smooth ramp: " + ours.size() + " levels");
    }

    /** Mean luma and mean chroma distance from grey of an I420 picture. */
    private static double[] lumaAndChroma(Picture p) {
        double luma = 0;
        for (int row = 0; row < p.height(); row++) {
            for (int col = 0; col < p.width(); col++) {
                luma += p.y().get(p.y().position() + row * p.strideY() + col) & 0xff;
            }
        }
        double chroma = 0;
        int w = (p.width() + 1) / 2;
        int h = (p.height() + 1) / 2;
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int u = (p.u().get(p.u().position() + row * p.strideU() + col) & 0xff) - 128;
                int v = (p.v().get(p.v().position() + row * p.strideV() + col) & 0xff) - 128;
                chroma += Math.sqrt(u * u + v * v);
            }
        }
        return new double[] {luma / (p.width() * p.height()), chroma / (w * h)};
    }

    @Test
    void aOneFrameFileYieldsItsFrame() throws IOException {
        Path one = dir.resolve("one.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25", "-frames:v", "1", "-c:v", "libx264",
                one.toString());
        try (FrameReader reader = source.open(one, FrameOptions.withAudio(1))) {
            assertEquals(OptionalInt.empty(), reader.audioTrack());
            assertNotNull(firstPicture(reader));
            assertNull(reader.next());
        }
    }

    private enum Side { TOP, BOTTOM, LEFT, RIGHT }

    private static Picture firstPicture(FrameReader reader) throws IOException {
        for (DecodedFrame f; (f = reader.next()) != null; ) {
            if (f instanceof Picture p) {
                return p;
            }
        }
        throw new AssertionError("no picture");
    }

    /** Mean luma of a strip 20 pixels deep along one side. */
    private static double band(Picture p, Side side) {
        long sum = 0;
        int n = 0;
        ByteBuffer y = p.y();
        for (int row = 0; row < p.height(); row++) {
            for (int col = 0; col < p.width(); col++) {
                boolean in = switch (side) {
                    case TOP -> row < 20;
                    case BOTTOM -> row >= p.height() - 20;
                    case LEFT -> col < 20;
                    case RIGHT -> col >= p.width() - 20;
                };
                if (in) {
                    sum += y.get(y.position() + row * p.strideY() + col) & 0xff;
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    /** Mean absolute difference of full-range luma (the reference) and the picture's limited-range luma. */
    private static double meanDifference(Picture p, byte[] reference) {
        double sum = 0;
        ByteBuffer y = p.y();
        for (int row = 0; row < p.height(); row++) {
            for (int col = 0; col < p.width(); col++) {
                int limited = y.get(y.position() + row * p.strideY() + col) & 0xff;
                double full = (limited - 16) * 255.0 / 219;
                sum += Math.abs(full - (reference[row * p.width() + col] & 0xff));
            }
        }
        return sum / reference.length;
    }

    /** The tone's frequency in the next second of sound, by counting rising zero crossings. */
    private static double frequency(FrameReader reader) throws IOException {
        int crossings = 0;
        int samples = 0;
        short previous = 0;
        for (DecodedFrame f; samples < FrameOptions.AUDIO_RATE && (f = reader.next()) != null; ) {
            if (f instanceof Sound s) {
                ByteBuffer pcm = ByteBuffer.wrap(s.pcm()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                while (pcm.remaining() >= 2) {
                    short v = pcm.getShort();
                    if (previous < 0 && v >= 0) {
                        crossings++;
                    }
                    previous = v;
                    samples++;
                }
            }
        }
        assertTrue(samples > FrameOptions.AUDIO_RATE / 2, "sound was handed out: " + samples + " samples");
        return crossings * (double) FrameOptions.AUDIO_RATE / samples;
    }
}
