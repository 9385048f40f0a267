package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.ScreenshotIndex;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * {@code MediaIT} is responsible for proving issue 6 on the booted peer: metadata of videos generated here (MPEG-4
 * part 2 and H.264 + AAC, written with javacv's FFmpegFrameRecorder inside the container) matches what was generated;
 * screenshots are valid JPEGs of the requested count and size, the sharpest frame of each window is chosen, and a
 * repeat is served from the cache indexed in the catalog; and the YUV4MPEG2 codec jar dropped into deploy/ makes new
 * .y4m files get metadata and screenshots without restart, and its removal stops that; and (issue 12) a phone clip
 * with a display rotation is catalogued at its displayed size and a film's audio and subtitle tracks are listed by
 * {@code peer:media-show}.
 */
public class MediaIT extends PeerTestSupport {

    private static final String Y4M_JAR_PROPERTY = "peer.y4m.jar";
    private static final Duration PROBED = Duration.ofSeconds(60);
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final int FPS = 25;

    @Override
    protected List<Option> extraOptions(Path work) {
        return List.of(systemProperty(Y4M_JAR_PROPERTY).value(System.getProperty(Y4M_JAR_PROPERTY, "")));
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void metadataOfGeneratedVideosMatchesWhatWasGenerated() throws Exception {
        Path mpeg4 = video(mediaDir().resolve("meta/mpeg4.mkv"), "matroska", avcodec.AV_CODEC_ID_MPEG4, 50, false,
                MediaIT::soft);
        Path h264 = video(mediaDir().resolve("meta/h264.mp4"), "mp4", avcodec.AV_CODEC_ID_H264, 75, true,
                MediaIT::soft);

        MediaMetadata m = probed(mpeg4);
        assertEquals(Integer.valueOf(WIDTH), m.width());
        assertEquals(Integer.valueOf(HEIGHT), m.height());
        assertEquals("mpeg4", m.videoCodec());
        assertEquals(null, m.audioCodec());
        assertEquals(FPS, m.frameRate(), 0.01);
        assertEquals(2.0, m.durationSeconds(), 0.05);
        assertEquals("matroska", m.container());

        MediaMetadata h = probed(h264);
        assertEquals("h264", h.videoCodec());
        assertEquals("aac", h.audioCodec());
        assertEquals(Integer.valueOf(WIDTH), h.width());
        assertEquals(Integer.valueOf(HEIGHT), h.height());
        assertEquals(FPS, h.frameRate(), 0.01);
        assertEquals(3.0, h.durationSeconds(), 0.05);
        assertEquals("mp4", h.container());
        assertTrue("bitrate " + h.bitrate(), h.bitrate() != null && h.bitrate() > 0);
    }

    @Test
    public void aPhoneClipIsCataloguedUprightAndAFilmsTracksAreListedByPeerMediaShow() throws Exception {
        Path making = Files.createDirectories(mediaDir().resolveSibling("making"));
        Path stored = ffmpeg(making.resolve("stored.mp4"), "-f", "lavfi", "-i",
                "testsrc=size=320x180:rate=30:duration=1", "-f", "lavfi", "-i", "sine=duration=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
        Path phone = ffmpeg(making.resolve("phone.mov"), "-i", stored.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90");
        Path srt = Files.writeString(making.resolve("fr.srt"), "1\n00:00:00,000 --> 00:00:00,500\nBonjour\n\n");
        Path film = ffmpeg(making.resolve("film.mkv"), "-f", "lavfi", "-i",
                "testsrc=size=320x180:rate=25:duration=1", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
                "-f", "lavfi", "-i", "sine=frequency=660:duration=1",
                "-i", srt.toString(), "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-c:s", "srt",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:0", "title=English",
                "-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=French",
                "-metadata:s:s:0", "language=fre", "-disposition:a:0", "default", "-disposition:a:1", "0",
                "-disposition:s:0", "forced");
        Path library = Files.createDirectories(mediaDir().resolve("tracks"));
        Path phoneInLibrary = Files.move(phone, library.resolve("phone.mov"));
        Path filmInLibrary = Files.move(film, library.resolve("film.mkv"));

        MediaMetadata portrait = probed(phoneInLibrary);
        assertEquals("stored 320x180, catalogued as displayed", Integer.valueOf(180), portrait.width());
        assertEquals(Integer.valueOf(320), portrait.height());
        assertEquals(Integer.valueOf(320), portrait.mainVideo().orElseThrow().codedWidth());
        MediaMetadata tracks = probed(filmInLibrary);
        assertEquals(4, tracks.streams().size());

        String phoneShown = executeCommand("peer:media-show " + luidOf(phoneInLibrary));
        assertTrue(phoneShown, phoneShown.contains("180x320"));
        assertTrue(phoneShown, phoneShown.contains("stored 320x180 rotated"));
        String filmShown = executeCommand("peer:media-show " + luidOf(filmInLibrary));
        List<String> lines = filmShown.lines().toList();
        assertTrue(filmShown, lines.contains("Tracks"));
        assertTrue(filmShown, lines.stream().anyMatch(l -> l.contains("audio") && l.contains("eng")
                && l.contains("English") && l.contains("default")));
        assertTrue(filmShown, lines.stream().anyMatch(l -> l.contains("audio") && l.contains("fre")
                && l.contains("French")));
        assertTrue(filmShown, lines.stream().anyMatch(l -> l.contains("subtitle") && l.contains("subrip")
                && l.contains("fre") && l.contains("forced")));
    }

    @Test
    public void screenshotsAreTheSharpestFramesAsJpegsOfTheRightCountAndSizeAndComeBackFromTheCache()
            throws Exception {
        // 10 s at 25 fps, soft everywhere except frames 80 (3.2 s) and 170 (6.8 s): two positions (about 2.75 s and
        // 7.25 s, windows ±1 s) each have exactly one sharp frame in reach.
        Path clip = video(mediaDir().resolve("shots/sharp.mp4"), "mp4", avcodec.AV_CODEC_ID_MPEG4, 250, false,
                i -> i == 80 || i == 170 ? checkerboard(i) : soft(i));
        double duration = probed(clip).durationSeconds();
        assertEquals(10.0, duration, 0.1);
        long luid = luidOf(clip);
        ScreenshotService screenshots = awaitService(ScreenshotService.class);

        ScreenshotSet two = screenshots.screenshots(luid, 2);
        assertFalse(two.fromCache());
        assertEquals(ScreenshotService.positions(duration, 2),
                two.screenshots().stream().map(Screenshot::positionSeconds).toList());
        assertEquals(3.2, two.screenshots().get(0).frameSeconds(), 0.021);
        assertEquals(6.8, two.screenshots().get(1).frameSeconds(), 0.021);

        ScreenshotSet six = screenshots.screenshots(luid, 6);
        assertEquals(6, six.screenshots().size());
        for (Screenshot shot : six.screenshots()) {
            assertTrue(shot.path().startsWith(dataDir().resolve("screenshots")));
            BufferedImage image = ImageIO.read(shot.path().toFile());
            assertNotNull("not a JPEG: " + shot.path(), image);
            assertEquals(WIDTH, image.getWidth());
            assertEquals(HEIGHT, image.getHeight());
            assertEquals(Files.size(shot.path()), shot.size());
        }
        // The catalog indexes one row per distinct position (2 and 6 pictures share the ones at 2.75 s and 7.25 s).
        Set<Double> positions = new HashSet<>(ScreenshotService.positions(duration, 2));
        positions.addAll(ScreenshotService.positions(duration, 6));
        ScreenshotIndex index = awaitService(ScreenshotIndex.class);
        assertEquals(positions.size(), index.screenshots(luid).size());

        ScreenshotSet again = screenshots.screenshots(luid, 6);
        assertTrue("a repeat is served from the cache", again.fromCache());
        assertEquals(six.screenshots(), again.screenshots());
        String listed = executeCommand("peer:screenshots --count 6 " + luid);
        assertTrue(listed, listed.contains("6 screenshot(s) of file " + luid + ", all from the cache."));

        for (int bad : new int[] {0, -1, 10_000}) {
            try {
                screenshots.screenshots(luid, bad);
                fail("count " + bad + " was accepted");
            } catch (ScreenshotException e) {
                assertEquals(ScreenshotException.Reason.BAD_COUNT, e.reason());
            }
        }
    }

    @Test
    public void theY4mCodecJarDroppedIntoDeployAddsTheFormatAndItsRemovalStopsIt() throws Exception {
        Path jar = Path.of(System.getProperty(Y4M_JAR_PROPERTY));
        assertTrue("the y4m codec jar is not built: " + jar, Files.isRegularFile(jar));
        Path before = y4m(mediaDir().resolve("y4m/before.y4m"), 64, 48, 10, 30);
        MediaScanner scanner = awaitService(MediaScanner.class);
        scanner.scan(ScanRequest.incremental()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        assertTrue(".y4m is not cataloged before the codec is installed", catalog.findByPath(before).isEmpty());

        Path deployed = karafBase().resolve("deploy").resolve(jar.getFileName());
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        awaitService("org.giggityflix.peer.api.media.MediaProbe", "(component.name=*Y4m*)", TIMEOUT);
        Path added = y4m(mediaDir().resolve("y4m/added.y4m"), 96, 64, 25, 50);

        MediaMetadata m = probed(added);
        assertEquals("yuv4mpegpipe", m.container());
        assertEquals("rawvideo", m.videoCodec());
        assertEquals(Integer.valueOf(96), m.width());
        assertEquals(Integer.valueOf(64), m.height());
        assertEquals(25.0, m.frameRate(), 1e-9);
        assertEquals(2.0, m.durationSeconds(), 1e-9);
        assertEquals(3.0, probed(before).durationSeconds(), 1e-9);

        ScreenshotSet shots = awaitService(ScreenshotService.class).screenshots(luidWhenProbed(added), 3);
        assertEquals(3, shots.screenshots().size());
        BufferedImage image = ImageIO.read(shots.screenshots().get(0).path().toFile());
        assertEquals(96, image.getWidth());

        Files.delete(deployed);
        await("the y4m codec bundle to leave", TIMEOUT,
                () -> !hasService("org.giggityflix.peer.api.media.MediaProbe", "(component.name=*Y4m*)")
                        && bundles("org.giggityflix.peer.media.y4m").isEmpty());
        Path after = y4m(mediaDir().resolve("y4m/after.y4m"), 64, 48, 10, 10);
        scanner.scan(ScanRequest.incremental()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertTrue(".y4m is no longer cataloged once the codec is gone", catalog.findByPath(after).isEmpty()
                || catalog.findByPath(after).get().status() == MediaStatus.DELETED);
        try {
            awaitService(ScreenshotService.class).screenshots(luidOf(added), 1);
            fail("screenshots of a .y4m file without its codec");
        } catch (ScreenshotException e) {
            assertTrue(e.reason().toString(), e.reason() == ScreenshotException.Reason.NO_PROVIDER
                    || e.reason() == ScreenshotException.Reason.FILE_GONE);
        }
    }

    // ------------------------------------------------------------------ catalog

    /** Runs the ffmpeg command (installed by .ci/run) to make {@code output}. */
    private static Path ffmpeg(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(Arrays.asList(args));
        command.add(output.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("ffmpeg finished", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals("ffmpeg: " + out, 0, p.exitValue());
        return output;
    }

    private long luidOf(Path file) {
        return awaitService(MediaCatalog.class).findByPath(file).map(MediaFile::luid).orElseThrow();
    }

    private long luidWhenProbed(Path file) {
        probed(file);
        return luidOf(file);
    }

    private MediaMetadata probed(Path file) {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        Optional<MediaFile> row = awaitValue(file + " cataloged and probed", PROBED, () -> catalog.findByPath(file),
                found -> found.isPresent() && (found.get().status() == MediaStatus.ERROR
                        || found.get().status() == MediaStatus.READY && found.get().metadata().isPresent()));
        assertEquals(file + ": " + row.get().error().orElse(""), MediaStatus.READY, row.get().status());
        return row.get().metadata().get();
    }

    // ------------------------------------------------------------------ media generated here

    /** A video written with javacv's recorder (the container's FFmpeg), moved into place when complete. */
    private static Path video(Path file, String format, int codec, int frames, boolean audio,
                              IntFunction<BufferedImage> picture) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = workDir().resolve(file.getFileName() + ".part");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toFile(), WIDTH, HEIGHT, audio ? 1 : 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(format);
            recorder.setVideoCodec(codec);
            if (codec == avcodec.AV_CODEC_ID_H264) {
                recorder.setVideoCodecName("libopenh264"); // the LGPL FFmpeg build has no libx264
                recorder.setVideoBitrate(2_000_000);
            } else {
                recorder.setVideoQuality(2);
            }
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            if (audio) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(44_100);
                recorder.setAudioBitrate(64_000);
            }
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(converter.convert(picture.apply(i)));
                if (audio) {
                    recorder.recordSamples(44_100, 1, tone(i, 44_100 / FPS));
                }
            }
            recorder.stop();
        }
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ShortBuffer tone(int chunk, int samples) {
        short[] values = new short[samples];
        for (int s = 0; s < samples; s++) {
            values[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (chunk * samples + s) / 44_100.0));
        }
        return ShortBuffer.wrap(values);
    }

    private static BufferedImage soft(int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int v = 60 + x * 120 / WIDTH + y * 40 / HEIGHT + index % 25;
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    private static BufferedImage checkerboard(int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int v = ((x / 4 + y / 4) % 2 == 0) ? 40 : 220;
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    /** A YUV4MPEG2 clip written byte by byte: header, then FRAME lines and 4:2:0 planes (a moving gradient). */
    private static Path y4m(Path file, int width, int height, int fps, int frames) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = workDir().resolve(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] y = new byte[width * height];
            byte[] chroma = new byte[(width / 2) * (height / 2)];
            Arrays.fill(chroma, (byte) 128);
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = (byte) (40 + ((i % width) * 7 + (i / width) * 3 + f * 5) % 180);
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
