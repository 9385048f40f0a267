package org.giggityflix.peer.media.y4m.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.CurrentCaptureSettings;
import org.giggityflix.peer.media.common.FrameScore;
import org.giggityflix.peer.media.common.JpegEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code Y4mThumbnailProvider} is responsible for the sharpest frame near each requested position of a .y4m file:
 * it reads only the luma planes of the frames in the position's window (seeking straight to each, frames being
 * fixed-size), keeps the best-scoring one, and converts and encodes just that frame.
 */
@Component(service = ThumbnailProvider.class, configurationPid = Y4mConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Y4mConfig.class)
public final class Y4mThumbnailProvider implements ThumbnailProvider {

    /** At most this many frames compete per window; longer windows are sampled evenly. */
    static final int MAX_CANDIDATES = 60;

    private final CurrentCaptureSettings settings;

    @Activate
    public Y4mThumbnailProvider(Y4mConfig config) {
        this(CurrentCaptureSettings.configured(Y4mConstants.PID, Y4mConstants.WIDEST, config.jpegQuality(),
                config.maxWidth(), config.windowSeconds()));
    }

    Y4mThumbnailProvider(CaptureSettings settings) {
        this(new CurrentCaptureSettings(Y4mConstants.PID, Y4mConstants.WIDEST, settings));
    }

    private Y4mThumbnailProvider(CurrentCaptureSettings settings) {
        CaptureSettings.useHeadlessAwt();
        this.settings = settings;
    }

    @Modified
    void modified(Y4mConfig config) {
        settings.configure(config.jpegQuality(), config.maxWidth(), config.windowSeconds());
    }

    @Override
    public Set<String> extensions() {
        return Y4mConstants.EXTENSIONS;
    }

    @Override
    public List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException {
        CaptureSettings current = settings.forCapture(positionsSeconds);
        JpegEncoder encoder = new JpegEncoder(current.jpegQuality(), current.maxWidth());
        List<Thumbnail> thumbnails = new ArrayList<>(positionsSeconds.size());
        try (Y4mFile y4m = Y4mFile.open(file)) {
            if (y4m.frameCount() == 0) {
                throw new IOException(file + " holds no complete frame");
            }
            byte[] luma = new byte[(int) y4m.header().lumaBytes()];
            TreeSet<Double> sorted = new TreeSet<>(positionsSeconds);
            double half = current.windowSeconds();
            for (double position : positionsSeconds) {
                Double previous = sorted.lower(position);
                Double next = sorted.higher(position);
                double before = previous == null ? half : Math.min(half, (position - previous) / 2);
                double after = next == null ? half : Math.min(half, (next - position) / 2);
                long frame = sharpest(y4m, luma, position, Math.max(0, position - before), position + after);
                BufferedImage image = encoder.fit(YuvToRgb.convert(y4m.readFrame(frame), y4m.header()));
                thumbnails.add(new Thumbnail(y4m.secondsOf(frame), image.getWidth(), image.getHeight(),
                        encoder.encode(image)));
            }
        }
        return thumbnails;
    }

    /** The best frame whose time lies in [from, to); the frame nearest the position when the window holds none. */
    private static long sharpest(Y4mFile y4m, byte[] luma, double position, double from, double to)
            throws IOException {
        double rate = y4m.header().frameRate();
        long first = Math.max(0, (long) Math.ceil(from * rate - 1e-9));
        long last = Math.min(y4m.frameCount() - 1, (long) Math.ceil(to * rate - 1e-9) - 1);
        if (last < first) {
            return y4m.frameAt(position);
        }
        long step = Math.max(1, (last - first + 1 + MAX_CANDIDATES - 1) / MAX_CANDIDATES);
        long best = -1;
        FrameScore bestScore = null;
        for (long frame = first; frame <= last; frame += step) {
            y4m.readLuma(frame, luma);
            FrameScore score = FrameScore.ofLumaPlane(luma, y4m.header().width(), y4m.header().height());
            if (score.betterThan(bestScore)) {
                best = frame;
                bestScore = score;
            }
        }
        return best;
    }
}
