package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FfmpegHardInputTest} is responsible for proving that two awkward but valid inputs of issue 6's bad-input
 * list are handled: an 8K (7680x4320) video is probed at its real size and its thumbnails come out scaled to 4K
 * inside the test JVM's default heap, and a variable-frame-rate video gets a sensible duration and frame rate and
 * thumbnails taken at the frames' real times.
 */
class FfmpegHardInputTest {

    private static final int WIDTH_8K = 7680;
    private static final int HEIGHT_8K = 4320;

    /** Timestamps of the VFR clip are whole milliseconds (recorder time base 1/1000). */
    private static final int VFR_TIME_BASE = 1000;
    /** Gaps between consecutive frames of the VFR clip, ms, repeated: 4 to 25 frames per second. */
    private static final int[] VFR_GAPS_MS = {40, 160, 70, 230};
    private static final int VFR_FRAMES = 40;

    @TempDir
    Path dir;

    @Test
    void an8kVideoIsProbedAtFullSizeAndThumbnailedAt4k() throws IOException {
        // MPEG-4 part 2 takes 7680x4320 (up to 8191 per side); 3 gray frames keep encoding to a few seconds.
        Path file = dir.resolve("8k.mkv");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH_8K, HEIGHT_8K, 0)) {
            recorder.setFormat("matroska");
            recorder.setVideoCodec(TestMedia.MPEG4);
            recorder.setVideoQuality(4);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(TestMedia.FPS);
            recorder.start();
            for (int i = 0; i < 3; i++) {
                recorder.record(checkerboard8k(128), AV_PIX_FMT_GRAY8);
            }
            recorder.stop();
        }

        MediaMetadata metadata = new FfmpegMediaProbe().probe(file);
        assertEquals(WIDTH_8K, metadata.width());
        assertEquals(HEIGHT_8K, metadata.height());

        FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS);
        List<Thumbnail> thumbnails = provider.capture(file, List.of(0.04, 0.08));
        assertEquals(2, thumbnails.size());
        for (Thumbnail thumbnail : thumbnails) {
            // Scaled by FFmpeg while decoding: a 4K frame on the heap (25 MB BGR), never an 8K one (100 MB).
            assertEquals(3840, thumbnail.width());
            assertEquals(2160, thumbnail.height());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
            assertNotNull(image, "not a JPEG");
            assertEquals(3840, image.getWidth());
            assertEquals(2160, image.getHeight());
            // The checkerboard survives, its 128-pixel cells now 64 wide (a scaled frame, not a cropped or blank one).
            int dark = image.getRaster().getSample(16, 16, 0);
            int light = image.getRaster().getSample(16 + 64, 16, 0);
            assertTrue(dark < 80 && light > 170, "expected the checkerboard, got " + dark + " and " + light);
        }
    }

    /** A gray 8K checkerboard of {@code cell}-pixel squares, 33 MB, drawn straight into a GRAY8 frame. */
    private static Frame checkerboard8k(int cell) {
        Frame frame = new Frame(WIDTH_8K, HEIGHT_8K, Frame.DEPTH_UBYTE, 1);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        byte[] row = new byte[WIDTH_8K];
        for (int y = 0; y < HEIGHT_8K; y++) {
            for (int x = 0; x < WIDTH_8K; x++) {
                row[x] = (byte) (((x / cell + y / cell) % 2 == 0) ? 30 : 225);
            }
            pixels.put(y * frame.imageStride, row);
        }
        return frame;
    }

    @Test
    void aVariableFrameRateVideoHasSensibleMetadataAndThumbnailsAtRealFrameTimes() throws IOException {
        List<Integer> times = new ArrayList<>();
        int time = 0;
        for (int i = 0; i < VFR_FRAMES; i++) {
            times.add(time);
            time += VFR_GAPS_MS[i % VFR_GAPS_MS.length];
        }
        double lastGap = VFR_GAPS_MS[(VFR_FRAMES - 1) % VFR_GAPS_MS.length] / 1000.0;
        double end = times.get(VFR_FRAMES - 1) / 1000.0 + lastGap;
        // One sharp frame per window of the positions 1, 2 and 3 s (windows [0.5, 1.5), [1.5, 2.5), [2.5, 3.5)),
        // each well away from where a constant-rate reading of the frame numbers would put it.
        List<Integer> sharp = List.of(firstAtOrAfter(times, 1150), firstAtOrAfter(times, 1600),
                firstAtOrAfter(times, 3200));

        Path file = dir.resolve("vfr.mkv");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), TestMedia.WIDTH,
                TestMedia.HEIGHT, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("matroska");
            recorder.setVideoCodec(TestMedia.MPEG4);
            recorder.setVideoQuality(2);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(VFR_TIME_BASE); // the codec's time base: one tick per millisecond
            recorder.setGopSize(10);
            recorder.start();
            for (int i = 0; i < VFR_FRAMES; i++) {
                recorder.setTimestamp(times.get(i) * 1000L);
                BufferedImage picture = sharp.contains(i) ? TestMedia.checkerboard(8) : TestMedia.soft(i);
                recorder.record(converter.convert(picture));
            }
            recorder.stop();
        }

        MediaMetadata metadata = new FfmpegMediaProbe().probe(file);
        assertNotNull(metadata.durationSeconds());
        assertEquals(end, metadata.durationSeconds(), 0.25, "duration");
        assertNotNull(metadata.frameRate());
        // Anything between the slowest and the fastest stretch of the clip is sensible; the 1000/s time base is not.
        double slowest = 1000.0 / 230;
        double fastest = 1000.0 / 40;
        assertTrue(metadata.frameRate() >= slowest && metadata.frameRate() <= fastest,
                "frame rate " + metadata.frameRate() + " outside " + slowest + ".." + fastest);

        List<Double> positions = List.of(1.0, 2.0, 3.0);
        List<Thumbnail> thumbnails = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS).capture(file, positions);
        assertEquals(3, thumbnails.size());
        for (int i = 0; i < 3; i++) {
            Thumbnail thumbnail = thumbnails.get(i);
            double position = positions.get(i);
            double expected = times.get(sharp.get(i)) / 1000.0;
            assertTrue(thumbnail.positionSeconds() >= position - 0.5 && thumbnail.positionSeconds() < position + 0.5,
                    "thumbnail of " + position + " s taken at " + thumbnail.positionSeconds() + " s, outside its window");
            assertEquals(expected, thumbnail.positionSeconds(), 0.0015, "sharp frame of the window of " + position);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
            assertNotNull(image, "not a JPEG");
            int dark = image.getRaster().getSample(2, 2, 0);
            int light = image.getRaster().getSample(10, 2, 0);
            assertTrue(dark < 80 && light > 170, "window of " + position + " s: not the checkerboard frame");
        }
    }

    private static int firstAtOrAfter(List<Integer> times, int millis) {
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) >= millis) {
                return i;
            }
        }
        throw new IllegalStateException("no frame at or after " + millis + " ms");
    }
}
