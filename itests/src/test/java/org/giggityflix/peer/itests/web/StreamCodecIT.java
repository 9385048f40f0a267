package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.media.FrameSource;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.itests.PeerTestSupport;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * {@code StreamCodecIT} is responsible for proving that streaming reads files through the codec bundles' frame
 * sources on the booted peer, watched in a real headless Chromium: a phone video stored landscape with a 90°
 * display rotation arrives taller than wide; the pure-Java {@code .y4m} codec jar dropped into {@code deploy/}
 * makes a {@code .y4m} file stream at its own size, and once the jar is removed the same request is refused with
 * "no codec installed for .y4m" while the peer goes on streaming other files.
 */
public class StreamCodecIT extends PeerTestSupport {

    private static final String Y4M_JAR_PROPERTY = "peer.y4m.jar";
    private static final Duration PICTURE = Duration.ofSeconds(60);
    private static final Duration PROBED = Duration.ofSeconds(90);

    @Override
    protected List<Option> extraOptions(Path work) {
        return List.of(systemProperty(Y4M_JAR_PROPERTY).value(System.getProperty(Y4M_JAR_PROPERTY, "")));
    }

    @Test
    public void aRotatedPhoneVideoArrivesUprightAndA4mFileStreamsOnlyWithItsCodec() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the clips", Tools.present(Tool.FFMPEG));
        Path jar = Path.of(System.getProperty(Y4M_JAR_PROPERTY));
        assertTrue("the y4m codec jar is not built: " + jar, Files.isRegularFile(jar));

        Path phone = made("phone/portrait.mp4", landscape -> FfmpegCli.rotated(landscape, 90,
                workDir().resolve("portrait.mp4")));
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        long phoneLuid = ready(catalog, phone);
        WebRtcSignaling webrtc = awaitService(WebRtcSignaling.class);

        try (Browser browser = new Browser()) {
            RtcViewer viewer = new RtcViewer(browser, webrtc);
            viewer.watch(SessionRequest.of(phoneLuid));
            int[] size = viewer.awaitPicture(PICTURE);
            assertEquals("the phone video's width in Chromium", 240, size[0]);
            assertEquals("the phone video's height in Chromium", 320, size[1]);
            viewer.stop();

            Path deployed = karafBase().resolve("deploy").resolve(jar.getFileName());
            Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
            awaitService(FrameSource.class, "(component.name=*Y4m*)", TIMEOUT);
            // The scanner includes .y4m once the codec's probe is there: a file added then is cataloged and probed.
            awaitService(MediaProbe.class, "(component.name=*Y4m*)", TIMEOUT);
            Path y4m = made("y4m/clip.y4m", null);
            long y4mLuid = ready(catalog, y4m);
            viewer = new RtcViewer(browser, webrtc);
            viewer.watch(SessionRequest.of(y4mLuid));
            size = viewer.awaitPicture(PICTURE);
            assertEquals("the .y4m file's width in Chromium", 320, size[0]);
            assertEquals(180, size[1]);
            viewer.stop();

            Files.delete(deployed);
            await("the y4m codec bundle to leave", TIMEOUT,
                    () -> !hasService(FrameSource.class.getName(), "(component.name=*Y4m*)")
                            && bundles("org.giggityflix.peer.media.y4m").isEmpty());
            try {
                new RtcViewer(browser, webrtc).watch(SessionRequest.of(y4mLuid));
                fail("a .y4m file streamed without its codec");
            } catch (SignalingException e) {
                assertEquals(SignalingException.Reason.FAILED, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("no codec installed for .y4m"));
            }
            // Nothing else is affected: the phone video still streams.
            viewer = new RtcViewer(browser, webrtc);
            viewer.watch(SessionRequest.of(phoneLuid));
            assertEquals(240, viewer.awaitPicture(PICTURE)[0]);
            viewer.stop();
        }
    }

    /** The clip's luid once it is cataloged and probed. */
    private static long ready(MediaCatalog catalog, Path file) {
        Optional<MediaFile> row = awaitValue(file + " cataloged and probed", PROBED, () -> catalog.findByPath(file),
                f -> f.isPresent() && f.get().status() == MediaStatus.READY);
        return row.get().luid();
    }

    /** What a clip is made of, after the ffmpeg command wrote it beside the media folder. */
    private interface Finish {
        Path apply(Path made) throws Exception;
    }

    /** A 20 s 320x180 clip (H.264 .mp4, or raw .y4m), finished by {@code finish}, moved into the media folder whole. */
    private static Path made(String name, Finish finish) throws Exception {
        Path target = mediaDir().resolve(name);
        String extension = name.substring(name.lastIndexOf('.'));
        Path made = workDir().resolve("made" + extension);
        if (extension.equals(".y4m")) {
            FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=20", "-pix_fmt", "yuv420p", made.toString());
        } else {
            FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-c:v", "libx264", "-pix_fmt",
                    "yuv420p", made.toString());
        }
        Path finished = finish == null ? made : finish.apply(made);
        Files.createDirectories(target.getParent());
        return Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
