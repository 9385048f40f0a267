package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.FrameScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FfmpegThumbnailProviderTest} is responsible for proving that thumbnails come back one per position, as
 * valid JPEGs of the right size, and that each is the sharpest non-blank frame of its own window.
 */
class FfmpegThumbnailProviderTest {

    private static final double HALF_FRAME = 0.5 / TestMedia.FPS;

    /** Frame index of the one sharp frame in each window of the positions 1, 2 and 3 s. */
    private static final int SHARP_NEAR_1S = 22;
    private static final int SHARPEST_NEAR_2S = 56;
    private static final int SHARP_NEAR_3S = 78;
    /** Dark noise in the window of 4 s: the sharpest frame there by numbers, but blank to a viewer. */
    private static final int DARK_NEAR_4S = 100;

    /**
     * The 4-pixel board near 2 s outscores the 8-pixel boards; a window reaching past the midpoint to its
     * neighbour (a ±1 s window around 3 s would include 2.24 s) would pick it again.
     */
    private static final Map<Integer, Integer> SHARP_FRAMES =
            Map.of(SHARP_NEAR_1S, 8, SHARPEST_NEAR_2S, 4, SHARP_NEAR_3S, 8);

    @TempDir
    static Path dir;

    private static Path sharpClip;
    private static Path h264;

    private final FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS);

    @BeforeAll
    static void generate() throws IOException {
        sharpClip = TestMedia.video(dir.resolve("sharp.mkv"), "matroska", TestMedia.MPEG4, 5 * TestMedia.FPS,
                false, FfmpegThumbnailProviderTest::sharpClipFrame);
        h264 = TestMedia.video(dir.resolve("h264.mp4"), "mp4", TestMedia.H264, 4 * TestMedia.FPS, true,
                TestMedia::soft);
    }

    private static BufferedImage sharpClipFrame(int index) {
        if (SHARP_FRAMES.containsKey(index)) {
            return TestMedia.checkerboard(SHARP_FRAMES.get(index));
        }
        return index == DARK_NEAR_4S ? TestMedia.darkNoise(index) : TestMedia.soft(index);
    }

    @Test
    void choosesTheSharpFrameOfEachWindow() throws IOException {
        List<Thumbnail> thumbnails = provider.capture(sharpClip, List.of(1.0, 2.0, 3.0));

        assertEquals(TestMedia.seconds(SHARP_NEAR_1S), thumbnails.get(0).positionSeconds(), HALF_FRAME);
        assertEquals(TestMedia.seconds(SHARPEST_NEAR_2S), thumbnails.get(1).positionSeconds(), HALF_FRAME);
        assertEquals(TestMedia.seconds(SHARP_NEAR_3S), thumbnails.get(2).positionSeconds(), HALF_FRAME);
        for (Thumbnail thumbnail : thumbnails) {
            assertCheckerboard(decode(thumbnail));
        }
    }

    @Test
    void skipsANearBlackFrameEvenWhenItScoresSharpest() throws IOException {
        Thumbnail thumbnail = provider.capture(sharpClip, List.of(3.0, 4.0)).get(1);

        assertTrue(Math.abs(thumbnail.positionSeconds() - TestMedia.seconds(DARK_NEAR_4S)) > HALF_FRAME,
                "chose the dark frame at " + thumbnail.positionSeconds());
        // Window of 4 s: from halfway to its neighbour at 3 s, to 1 s past it.
        assertTrue(thumbnail.positionSeconds() >= 3.5 && thumbnail.positionSeconds() < 5.0,
                "outside its window: " + thumbnail.positionSeconds());
        BufferedImage image = decode(thumbnail);
        assertTrue(luma(image.getRGB(image.getWidth() / 2, image.getHeight() / 2)) > 60, "picture is dark");
    }

    @Test
    void returnsOneValidJpegPerPositionInRequestOrder() throws IOException {
        List<Double> positions = List.of(3.0, 0.5, 2.0);

        List<Thumbnail> thumbnails = provider.capture(h264, positions);

        assertEquals(positions.size(), thumbnails.size());
        for (int i = 0; i < positions.size(); i++) {
            Thumbnail thumbnail = thumbnails.get(i);
            assertEquals(positions.get(i), thumbnail.positionSeconds(), 1.0 + HALF_FRAME);
            BufferedImage image = decode(thumbnail);
            assertEquals(TestMedia.WIDTH, thumbnail.width());
            assertEquals(TestMedia.HEIGHT, thumbnail.height());
            assertEquals(TestMedia.WIDTH, image.getWidth());
            assertEquals(TestMedia.HEIGHT, image.getHeight());
        }
    }

    @Test
    void scalesDownToTheMaximumWidthKeepingTheAspectRatio() throws IOException {
        FfmpegThumbnailProvider small = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 160, 1.0));

        Thumbnail thumbnail = small.capture(h264, List.of(2.0)).get(0);

        BufferedImage image = decode(thumbnail);
        assertEquals(160, image.getWidth());
        assertEquals(120, image.getHeight());
        assertEquals(160, thumbnail.width());
        assertEquals(120, thumbnail.height());
    }

    @Test
    void lowerQualityMakesSmallerJpegs() throws IOException {
        FfmpegThumbnailProvider rough = new FfmpegThumbnailProvider(new CaptureSettings(0.2f, 0, 1.0));

        int best = provider.capture(sharpClip, List.of(2.0)).get(0).jpeg().length;
        int worse = rough.capture(sharpClip, List.of(2.0)).get(0).jpeg().length;

        assertTrue(worse < best, worse + " bytes at 0.2 vs " + best + " at 0.9");
    }

    @Test
    void equalPositionsEachGetTheSameThumbnail() throws IOException {
        List<Thumbnail> thumbnails = provider.capture(h264, List.of(2.0, 2.0));

        assertEquals(2, thumbnails.size());
        assertEquals(thumbnails.get(0).positionSeconds(), thumbnails.get(1).positionSeconds());
        assertEquals(2.0, thumbnails.get(0).positionSeconds(), 1.0);
    }

    @Test
    void anAllBlackWindowStillGivesAThumbnail() throws IOException {
        Path black = TestMedia.video(dir.resolve("black.mkv"), "matroska", TestMedia.MPEG4, TestMedia.FPS, false,
                index -> new BufferedImage(TestMedia.WIDTH, TestMedia.HEIGHT, BufferedImage.TYPE_3BYTE_BGR));

        List<Thumbnail> thumbnails = provider.capture(black, List.of(0.5));

        assertEquals(1, thumbnails.size());
        assertEquals(TestMedia.WIDTH, decode(thumbnails.get(0)).getWidth());
    }

    @Test
    void twoDecodersChooseTheSameFramesAsOne() throws IOException {
        // Nine windows of ±0.25 s over the clip: the two decoders share them; every thumbnail must be the very
        // one a single decoder makes, in request order (shuffled here).
        List<Double> positions = List.of(2.2, 0.4, 4.4, 0.9, 3.1, 1.5, 3.8, 2.7, 4.9);
        FfmpegThumbnailProvider one = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.25), 1);
        FfmpegThumbnailProvider two = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.25), 2);
        try {
            List<Thumbnail> alone = one.capture(sharpClip, positions);
            List<Thumbnail> shared = two.capture(sharpClip, positions);

            assertEquals(positions.size(), shared.size());
            for (int i = 0; i < positions.size(); i++) {
                assertEquals(alone.get(i).positionSeconds(), shared.get(i).positionSeconds(), "position " + i);
                assertTrue(Math.abs(shared.get(i).positionSeconds() - positions.get(i)) < 0.25 + HALF_FRAME);
                assertTrue(java.util.Arrays.equals(alone.get(i).jpeg(), shared.get(i).jpeg()), "JPEG " + i);
            }
            // The windows of 0.9, 2.2 and 3.1 s hold the sharp frames.
            assertEquals(TestMedia.seconds(SHARP_NEAR_1S), shared.get(3).positionSeconds(), HALF_FRAME);
            assertEquals(TestMedia.seconds(SHARPEST_NEAR_2S), shared.get(0).positionSeconds(), HALF_FRAME);
            assertEquals(TestMedia.seconds(SHARP_NEAR_3S), shared.get(4).positionSeconds(), HALF_FRAME);
        } finally {
            one.deactivate();
            two.deactivate();
        }
    }

    @Test
    void capturesRunningAtOnceShareTheHelperAndEachGetsItsOwnFrames() throws Exception {
        // One helper thread per provider: while one capture has it, the others start alone and the helper joins
        // them later or not at all. Every capture must still return all of its own thumbnails.
        List<Double> positions = List.of(2.2, 0.4, 4.4, 0.9, 3.1, 1.5, 3.8, 2.7, 4.9);
        FfmpegThumbnailProvider alone = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.25), 1);
        FfmpegThumbnailProvider shared = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.25), 2);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<Double> expected = alone.capture(sharpClip, positions).stream().map(Thumbnail::positionSeconds)
                    .toList();
            List<java.util.concurrent.Future<List<Thumbnail>>> running = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                running.add(callers.submit(() -> shared.capture(sharpClip, positions)));
            }
            for (java.util.concurrent.Future<List<Thumbnail>> capture : running) {
                List<Thumbnail> thumbnails = capture.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertEquals(expected, thumbnails.stream().map(Thumbnail::positionSeconds).toList());
                for (Thumbnail thumbnail : thumbnails) {
                    assertNotNull(thumbnail.jpeg());
                }
            }
        } finally {
            callers.shutdownNow();
            alone.deactivate();
            shared.deactivate();
        }
    }

    @Test
    void aNarrowWindowWeighsEveryFrameBFramesIncluded() throws IOException {
        // MPEG-4 with two B-frames between references and a keyframe every 25 coded frames (at 0 and 1.08 s):
        // both sharp frames are B-frames, one just after the keyframe at 1.08 s, one in the middle of its GOP.
        int afterKeyframe = 28;
        int midGop = 40;
        Path bFrames = TestMedia.video(dir.resolve("bframes.mkv"), "matroska", TestMedia.MPEG4,
                org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P, TestMedia.WIDTH, TestMedia.HEIGHT,
                3 * TestMedia.FPS, false, recorder -> {
                    recorder.setGopSize(TestMedia.FPS);
                    recorder.setVideoOption("bf", "2");
                    recorder.setVideoOption("sc_threshold", "1000000000"); // no extra keyframes at the boards
                }, index -> index == afterKeyframe || index == midGop ? TestMedia.checkerboard(8)
                        : TestMedia.soft(index));
        FfmpegThumbnailProvider narrow = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.2));

        List<Thumbnail> thumbnails = narrow.capture(bFrames, List.of(1.15, 1.6));

        assertEquals(TestMedia.seconds(afterKeyframe), thumbnails.get(0).positionSeconds(), HALF_FRAME);
        assertEquals(TestMedia.seconds(midGop), thumbnails.get(1).positionSeconds(), HALF_FRAME);
        for (Thumbnail thumbnail : thumbnails) {
            assertCheckerboard(decode(thumbnail));
        }
    }

    @Test
    void audioOnlyFileHasNoPicturesToTake() throws IOException {
        Path audio = TestMedia.audioOnly(dir.resolve("tone.mp4"), "mp4", 1);

        IOException error = assertThrows(IOException.class, () -> provider.capture(audio, List.of(0.5)));

        assertTrue(error.getMessage().contains("no video stream"), error.getMessage());
    }

    @Test
    void textFileRenamedMkvFailsWithReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mkv"), "not a video at all\n".repeat(100));

        IOException error = assertThrows(IOException.class, () -> provider.capture(text, List.of(1.0)));

        assertTrue(error.getMessage().startsWith("not a media file FFmpeg can read: " + text), error.getMessage());
    }

    @Test
    void refusesNegativePositions() {
        assertThrows(IllegalArgumentException.class, () -> provider.capture(h264, List.of(1.0, -1.0)));
    }

    private static BufferedImage decode(Thumbnail thumbnail) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
        assertNotNull(image, "not a JPEG ImageIO can read");
        return image;
    }

    /** Only a board survives JPEG with this much fine detail; the soft frames score near zero. */
    private static void assertCheckerboard(BufferedImage image) {
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image, 0, 0, null);
        byte[] pixels = ((java.awt.image.DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        FrameScore score = SharpnessMeter.measure(pixels, bgr.getWidth(), bgr.getHeight());
        assertTrue(score.sharpness() > 5_000, "no checkerboard: " + score);
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xff) * 77 + ((rgb >> 8) & 0xff) * 150 + (rgb & 0xff) * 29) >> 8;
    }
}
