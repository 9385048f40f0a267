package org.giggityflix.peer.media.ffmpeg.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.JpegEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FfmpegThumbnailProvider} is responsible for capturing the sharpest frame near each requested position
 * of a video with the in-process FFmpeg and returning it as a JPEG.
 */
@Component(service = ThumbnailProvider.class, configurationPid = FfmpegConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FfmpegMediaConfig.class)
public final class FfmpegThumbnailProvider implements ThumbnailProvider {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegThumbnailProvider.class);

    /** Replaced whole on a configuration change, so a capture in progress keeps one consistent set. */
    private volatile CaptureSettings settings;

    @Activate
    public FfmpegThumbnailProvider(FfmpegMediaConfig config) {
        this(settings(config));
    }

    FfmpegThumbnailProvider(CaptureSettings settings) {
        CaptureSettings.useHeadlessAwt();
        FfmpegNatives.quietLogs();
        this.settings = settings;
    }

    @Modified
    void modified(FfmpegMediaConfig config) {
        settings = settings(config);
        LOG.info("Thumbnail settings now {}", settings);
    }

    @Override
    public Set<String> extensions() {
        return FfmpegConstants.EXTENSIONS;
    }

    @Override
    public List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException {
        CaptureSettings.checkPositions(positionsSeconds);
        CaptureSettings current = settings;
        JpegEncoder encoder = new JpegEncoder(current.jpegQuality(), current.maxWidth());
        List<Thumbnail> thumbnails = new ArrayList<>(positionsSeconds.size());
        try (VideoFrames frames = VideoFrames.open(file, current.maxWidth())) {
            for (CaptureWindow window : CaptureWindow.around(positionsSeconds, current.windowSeconds())) {
                thumbnails.add(thumbnail(frames.sharpest(window), encoder));
            }
        }
        return thumbnails;
    }

    private static Thumbnail thumbnail(VideoFrames.ChosenFrame frame, JpegEncoder encoder) throws IOException {
        BufferedImage image = encoder.fit(frame.image().toBufferedImage());
        return new Thumbnail(frame.seconds(), image.getWidth(), image.getHeight(), encoder.encode(image));
    }

    /** The configured values, each brought into its range (a bad one is logged under the PID and replaced). */
    private static CaptureSettings settings(FfmpegMediaConfig config) {
        return CaptureSettings.checked(FfmpegConstants.PID, config.jpegQuality(), config.maxWidth(),
                config.windowSeconds(), Integer.MAX_VALUE);
    }
}
