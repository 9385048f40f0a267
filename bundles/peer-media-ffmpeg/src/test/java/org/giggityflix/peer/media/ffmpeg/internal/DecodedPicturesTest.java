package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.FrameScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DecodedPicturesTest} is responsible for proving that scoring a frame straight from the decoder's luma plane
 * (no conversion, sampled rows) measures what FFmpeg's GRAY8 conversion of the same grid measures, on limited and
 * full-range video and on frames subsampled to the ~640-wide grid: same sharpest frame, same blank verdicts. And that
 * a picture without a luma plane (packed BGR) still gets scored and its sharp frame chosen.
 */
class DecodedPicturesTest {

    private static final int FRAMES = 20;

    @TempDir
    Path dir;

    @Test
    void lumaReadInPlaceRanksFramesLikeFfmpegsGrayConversionOnLimitedRangeVideo() throws IOException {
        // MPEG-4 in yuv420p: limited-range luma (16-235) that the GRAY8 conversion stretches to 0-255.
        Path clip = TestMedia.video(dir.resolve("limited.mkv"), "matroska", TestMedia.MPEG4, AV_PIX_FMT_YUV420P,
                TestMedia.WIDTH, TestMedia.HEIGHT, FRAMES, false, recorder -> { }, picture(TestMedia.WIDTH,
                        TestMedia.HEIGHT));

        assertSameMeasure(clip);
    }

    @Test
    void lumaReadInPlaceRanksFramesLikeFfmpegsGrayConversionOnFullRangeVideo() throws IOException {
        // Motion JPEG in yuvj420p: full-range luma, read as it is.
        Path clip = TestMedia.video(dir.resolve("full.avi"), "avi", AV_CODEC_ID_MJPEG, AV_PIX_FMT_YUVJ420P,
                TestMedia.WIDTH, TestMedia.HEIGHT, FRAMES, false, recorder -> { }, picture(TestMedia.WIDTH,
                        TestMedia.HEIGHT));

        assertSameMeasure(clip);
    }

    @Test
    void aWideFrameIsSampledOnTheSameGridAsTheConversion() throws IOException {
        // 1600 wide: every 2nd pixel of every 2nd row, the grid the conversion's nearest-neighbour scaling makes.
        int width = 1600;
        int height = 900;
        assertEquals(2, FrameScore.step(width));
        Path clip = TestMedia.video(dir.resolve("wide.mkv"), "matroska", TestMedia.MPEG4, AV_PIX_FMT_YUV420P, width,
                height, FRAMES, false, recorder -> { }, picture(width, height));

        assertSameMeasure(clip);
    }

    @Test
    void aPictureWithoutALumaPlaneIsScoredThroughConversionAndItsSharpFrameChosen() throws IOException {
        // Raw BGR24 video: the decoder hands out packed BGR, no luma plane to read in place.
        int sharp = 12;
        Path clip = TestMedia.video(dir.resolve("bgr.avi"), "avi", AV_CODEC_ID_RAWVIDEO, AV_PIX_FMT_BGR24,
                TestMedia.WIDTH, TestMedia.HEIGHT, 2 * TestMedia.FPS, false, recorder -> { },
                index -> index == sharp ? TestMedia.checkerboard(8) : TestMedia.soft(index));

        List<Measured> frames = measure(clip);
        assertEquals(AV_PIX_FMT_BGR24, frames.get(0).format());
        for (Measured frame : frames) {
            assertEquals(frame.byConversion(), frame.inPlace(), "BGR frames take the conversion path");
        }
        List<Thumbnail> thumbnails = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS).capture(clip,
                List.of(0.5));
        assertEquals(TestMedia.seconds(sharp), thumbnails.get(0).positionSeconds(), 0.5 / TestMedia.FPS);
    }

    /** Frames of several kinds, so their scores spread: soft, checkerboards of three sizes, black, dark noise. */
    private static IntFunction<BufferedImage> picture(int width, int height) {
        return index -> switch (index % 6) {
            case 0 -> TestMedia.checkerboard(width, height, 4 + index / 6);
            case 1 -> new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            case 2 -> darkNoise(width, height, index);
            case 3 -> TestMedia.checkerboard(width, height, 16);
            default -> TestMedia.soft(width, height, index);
        };
    }

    private static BufferedImage darkNoise(int width, int height, int seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int value = random.nextInt(30);
                image.setRGB(x, y, value << 16 | value << 8 | value);
            }
        }
        return image;
    }

    private static void assertSameMeasure(Path clip) throws IOException {
        List<Measured> frames = measure(clip);
        assertEquals(FRAMES, frames.size());
        int sharpestInPlace = 0;
        int sharpestByConversion = 0;
        for (int i = 0; i < frames.size(); i++) {
            Measured frame = frames.get(i);
            FrameScore inPlace = frame.inPlace();
            FrameScore converted = frame.byConversion();
            String what = "frame " + i + ": " + inPlace + " vs " + converted;
            assertEquals(converted.mean(), inPlace.mean(), 1.0, what);
            assertEquals(converted.deviation(), inPlace.deviation(), 0.5 + 0.02 * converted.deviation(), what);
            assertEquals(converted.sharpness(), inPlace.sharpness(), 1.0 + 0.03 * converted.sharpness(), what);
            assertEquals(converted.blank(), inPlace.blank(), what);
            if (inPlace.betterThan(frames.get(sharpestInPlace).inPlace())) {
                sharpestInPlace = i;
            }
            if (converted.betterThan(frames.get(sharpestByConversion).byConversion())) {
                sharpestByConversion = i;
            }
        }
        assertEquals(sharpestByConversion, sharpestInPlace, "the winner of the window");
        // The clip's frames really do differ: black and dark-noise frames are blank, the finest board wins.
        assertTrue(frames.get(1).inPlace().blank() && frames.get(2).inPlace().blank());
        assertEquals(0, sharpestInPlace % 6);
    }

    private static List<Measured> measure(Path clip) throws IOException {
        List<Measured> frames = new ArrayList<>();
        try (VideoDecoder decoder = VideoDecoder.open(clip, 1); DecodedPictures pictures = new DecodedPictures(0)) {
            AVFrame picture;
            while ((picture = decoder.next()) != null) {
                frames.add(new Measured(picture.format(), pictures.score(picture), pictures.scoreByScaling(picture)));
            }
        }
        return frames;
    }

    private record Measured(int format, FrameScore inPlace, FrameScore byConversion) {
    }
}
