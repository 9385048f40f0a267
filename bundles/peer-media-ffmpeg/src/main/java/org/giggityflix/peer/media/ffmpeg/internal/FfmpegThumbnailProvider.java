package org.giggityflix.peer.media.ffmpeg.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.giggityflix.peer.media.common.CurrentCaptureSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code FfmpegThumbnailProvider} is responsible for capturing the sharpest frame near each requested position
 * of a video with the in-process FFmpeg and returning it as a JPEG.
 */
@Component(service = ThumbnailProvider.class, configurationPid = FfmpegConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FfmpegMediaConfig.class)
public final class FfmpegThumbnailProvider implements ThumbnailProvider {

    /** Any configured {@code maxWidth} is accepted: pictures are never converted wider than 3840 whatever it is. */
    private static final int WIDEST = Integer.MAX_VALUE;

    private final CurrentCaptureSettings settings;

    /** Runs the second decoder of a capture (see {@link CaptureRun}); null when captures use one decoder. */
    private final ExecutorService helpers;

    /** FFmpeg's log, routed to slf4j while this bundle is active. */
    private final LibavLog libavLog;

    @Activate
    public FfmpegThumbnailProvider(FfmpegMediaConfig config, @Reference LibavLog libavLog) {
        this(CurrentCaptureSettings.configured(FfmpegConstants.PID, WIDEST, config.jpegQuality(), config.maxWidth(),
                config.windowSeconds()), Math.min(2, Runtime.getRuntime().availableProcessors()), libavLog);
    }

    /**
     * The plain-JVM tests' provider: FFmpeg's log keeps its default callback, at the level the logger writes.
     *
     * @param decoders decoders per capture: 2 (on two cores or more) or 1
     */
    FfmpegThumbnailProvider(CaptureSettings settings, int decoders) {
        this(new CurrentCaptureSettings(FfmpegConstants.PID, WIDEST, settings), decoders, new LibavLog());
    }

    private FfmpegThumbnailProvider(CurrentCaptureSettings settings, int decoders, LibavLog libavLog) {
        CaptureSettings.useHeadlessAwt();
        this.libavLog = libavLog;
        libavLog.followLoggerLevel();
        this.settings = settings;
        this.helpers = decoders >= 2 ? helperThread() : null;
    }

    FfmpegThumbnailProvider(CaptureSettings settings) {
        this(settings, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * One helper thread for the whole provider: a second capture running at the same time queues its helper behind
     * the first one's and starts alone (its helper joins when free, or is dropped if the windows are all done).
     */
    private static ExecutorService helperThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "peer-media-ffmpeg-capture");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Deactivate
    void deactivate() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    @Modified
    void modified(FfmpegMediaConfig config) {
        settings.configure(config.jpegQuality(), config.maxWidth(), config.windowSeconds());
    }

    @Override
    public Set<String> extensions() {
        return FfmpegConstants.EXTENSIONS;
    }

    @Override
    public List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException {
        CaptureSettings current = settings.forCapture(positionsSeconds);
        libavLog.followLoggerLevel();
        return CaptureRun.capture(file, positionsSeconds, current, helpers);
    }
}
