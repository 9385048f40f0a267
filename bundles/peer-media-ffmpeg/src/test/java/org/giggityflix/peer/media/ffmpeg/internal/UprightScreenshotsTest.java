package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UprightScreenshotsTest} is responsible for proving that screenshots look like what players show, on files
 * made with the {@code ffmpeg} command the way phones, cameras and release groups make them: a phone video with a
 * 90° display rotation gives portrait screenshots with the camera's top where players put it; a PQ (HDR10) clip's
 * screenshot is tone-mapped (its colour and brightness close to the SDR original's, where an untouched conversion
 * is washed out); a one-frame file, a file cut short and an audio file with cover art each get their pictures.
 */
class UprightScreenshotsTest {

    @TempDir
    static Path dir;

    private final FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS);

    @BeforeAll
    static void ffmpeg() {
        assumeTrue(Tools.present(Tool.FFMPEG), "the ffmpeg command is not installed");
    }

    @Test
    void aPhoneVideoWithA90DegreeRotationGivesPortraitScreenshots() throws IOException {
        Path landscape = dir.resolve("landscape.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "color=c=gray:s=320x240:r=25:d=4,drawbox=x=0:y=0:w=iw:h=40:color=white:t=fill",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", landscape.toString());
        Path phone = FfmpegCli.rotated(landscape, 90, dir.resolve("phone.mp4"));
        for (Thumbnail t : provider.capture(phone, List.of(1.0, 3.0))) {
            BufferedImage image = image(t);
            assertEquals(240, image.getWidth());
            assertEquals(320, image.getHeight());
            // As ffmpeg's autorotation shows this file (FrameSourceTest): the camera's top on the left.
            assertTrue(luma(image, 0, 0, 20, 320) > 200, "the white band on the left");
            assertTrue(luma(image, 220, 0, 20, 320) < 160, "grey on the right");
        }
    }

    @Test
    void aPqClipIsToneMappedNotWashedOut() throws IOException {
        Path sdr = dir.resolve("sdr.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", sdr.toString());
        // The same pictures as a camera or release group writes HDR10: PQ transfer, BT.2020, 10-bit HEVC.
        Path pq = dir.resolve("pq.mkv");
        FfmpegCli.run("-i", sdr.toString(), "-vf", "zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020"
                        + ":m=bt2020nc:npl=100,format=yuv420p10le", "-c:v", "libx265", "-x265-params",
                "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:max-cll=1000,400"
                        + ":master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)",
                pq.toString());
        BufferedImage reference = image(provider.capture(sdr, List.of(1.0)).get(0));
        BufferedImage mapped = image(provider.capture(pq, List.of(1.0)).get(0));
        double[] want = meanLumaAndSaturation(reference);
        double[] got = meanLumaAndSaturation(mapped);
        // What a player without tone mapping shows: the PQ code values read as if they were SDR.
        Path naive = dir.resolve("naive.png");
        FfmpegCli.run("-ss", "1", "-i", pq.toString(), "-frames:v", "1", "-vf", "scale=out_color_matrix=bt709",
                "-pix_fmt", "rgb24", naive.toString());
        double[] washedOut = meanLumaAndSaturation(ImageIO.read(naive.toFile()));
        String figures = String.format("SDR %.0f/%.2f, tone-mapped %.0f/%.2f, untouched %.0f/%.2f", want[0], want[1],
                got[0], got[1], washedOut[0], washedOut[1]);
        assertTrue(washedOut[1] < 0.6 * want[1], "the control is washed out: " + figures);
        assertTrue(got[1] > 0.75 * want[1], "saturation kept: " + figures);
        assertTrue(Math.abs(got[0] - want[0]) < 0.25 * want[0], "brightness close to the original: " + figures);
    }

    @Test
    void aOneFrameFileGetsItsFrame() throws IOException {
        Path one = dir.resolve("one.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25", "-frames:v", "1", "-c:v", "libx264",
                one.toString());
        List<Thumbnail> shots = provider.capture(one, List.of(0.002, 0.02, 0.032));
        assertEquals(3, shots.size());
        assertEquals(320, image(shots.get(2)).getWidth());
    }

    @Test
    void aFileCutShortGetsScreenshotsFromThePartThatDecodes() throws IOException {
        Path whole = dir.resolve("whole.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-c:v", "libx264", "-g", "50",
                "-movflags", "+faststart", whole.toString());
        Path mkv = dir.resolve("whole.mkv");
        FfmpegCli.run("-i", whole.toString(), "-c", "copy", mkv.toString());
        for (Path cut : List.of(FfmpegCli.cut(whole, 0.55, dir.resolve("half.mp4")),
                FfmpegCli.cut(mkv, 0.55, dir.resolve("half.mkv")))) {
            List<Thumbnail> shots = provider.capture(cut, List.of(2.0, 6.0, 15.0, 19.0));
            assertEquals(4, shots.size(), cut.toString());
            assertEquals(2.0, shots.get(0).positionSeconds(), 1.0);
            assertEquals(6.0, shots.get(1).positionSeconds(), 1.0);
            for (Thumbnail t : shots) {
                assertTrue(t.positionSeconds() < 12, cut + ": every screenshot from the part there is: "
                        + t.positionSeconds());
                assertEquals(320, image(t).getWidth());
            }
        }
    }

    @Test
    void anAudioFileWithCoverArtUsesTheArt() throws IOException {
        Path cover = dir.resolve("cover.png");
        FfmpegCli.run("-f", "lavfi", "-i", "color=c=red:s=300x300", "-frames:v", "1", cover.toString());
        Path song = dir.resolve("song.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "sine=frequency=440:duration=5", "-i", cover.toString(), "-map", "0",
                "-map", "1", "-c:a", "aac", "-c:v", "png", "-disposition:v:0", "attached_pic", song.toString());
        List<Thumbnail> shots = provider.capture(song, List.of(0.5, 2.5));
        assertEquals(2, shots.size());
        BufferedImage art = image(shots.get(1));
        assertEquals(300, art.getWidth());
        int rgb = art.getRGB(150, 150);
        assertTrue(((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60, "the red cover: " + Integer.toHexString(rgb));
    }

    private static BufferedImage image(Thumbnail t) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(t.jpeg()));
    }

    private static double luma(BufferedImage image, int x0, int y0, int w, int h) {
        double sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                sum += 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
            }
        }
        return sum / (w * h);
    }

    /** Mean BT.709 luma (0-255) and mean HSV saturation (0-1). */
    private static double[] meanLumaAndSaturation(BufferedImage image) {
        double luma = 0;
        double saturation = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                luma += 0.2126 * r + 0.7152 * g + 0.0722 * b;
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                saturation += max == 0 ? 0 : (max - min) / (double) max;
            }
        }
        return new double[] {luma / n, saturation / n};
    }
}
