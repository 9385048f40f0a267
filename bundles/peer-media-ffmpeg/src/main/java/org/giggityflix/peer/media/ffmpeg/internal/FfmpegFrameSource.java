package org.giggityflix.peer.media.ffmpeg.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.FrameSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FfmpegFrameSource} is responsible for publishing the in-process FFmpeg as a {@link FrameSource}: every
 * extension the probe handles opens as an {@link FfmpegFrameReader} (upright, SDR, I420 pictures; s16le 48 kHz
 * sound of the chosen track). Streaming transports read files through it, and may have it load FFmpeg's libraries
 * ahead of the first file ({@link #prepare()}).
 */
@Component(service = FrameSource.class, configurationPid = FfmpegConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FfmpegFrameSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegFrameSource.class);

    /** FFmpeg's log, routed to slf4j while this bundle is active. */
    private final LibavLog libavLog;

    @Activate
    public FfmpegFrameSource(@Reference LibavLog libavLog) {
        this.libavLog = libavLog;
    }

    /** Present so that a changed {@code service.ranking} updates the service's properties without a restart. */
    @Modified
    void modified() {
        // the ranking is a service property: DS republishes it
    }

    @Override
    public Set<String> extensions() {
        return FfmpegConstants.EXTENSIONS;
    }

    @Override
    public FrameReader open(Path file, FrameOptions options) throws IOException {
        libavLog.followLoggerLevel();
        return FfmpegFrameReader.open(file, options);
    }

    /** Loads every FFmpeg library a reader uses (demuxing, decoding, scaling, resampling, filters) now. */
    @Override
    public void prepare() {
        long start = System.nanoTime();
        for (Class<?> library : new Class<?>[] {avutil.class, avcodec.class, avformat.class, swscale.class,
                swresample.class, avfilter.class}) {
            Loader.load(library);
        }
        libavLog.followLoggerLevel();
        LOG.debug("FFmpeg's libraries loaded for streaming in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
