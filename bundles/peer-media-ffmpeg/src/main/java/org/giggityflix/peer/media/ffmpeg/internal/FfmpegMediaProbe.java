package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.media.common.AverageBitrate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code FfmpegMediaProbe} is responsible for reading a video file's metadata with FFmpeg's demuxer, in-process
 * and without decoding frames: duration, bit rate, container and every stream ({@link StreamInventory}); width and
 * height are the main video stream's as displayed (after rotation and sample aspect ratio).
 */
@Component(service = MediaProbe.class, configurationPid = FfmpegConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = FfmpegConstants.SCANNER_INCLUDE + ":Boolean=true")
public final class FfmpegMediaProbe implements MediaProbe {

    private static final double MAX_PLAUSIBLE_FPS = StreamInventory.MAX_PLAUSIBLE_FPS;
    private static final int RATE_SAMPLE_FRAMES = 250;
    private static final int RATE_SAMPLE_PACKETS = 2000;

    private final LibavLog libavLog;

    /** @param libavLog FFmpeg's log, routed to slf4j while this bundle is active */
    @Activate
    public FfmpegMediaProbe(@Reference LibavLog libavLog) {
        this.libavLog = libavLog;
        libavLog.followLoggerLevel();
    }

    /** The plain-JVM tests' probe: FFmpeg's log keeps its default callback, at the level the logger writes. */
    FfmpegMediaProbe() {
        this(new LibavLog());
    }

    /**
     * Nothing to apply: present so that a changed ranking or {@code scanner.include} updates the service's
     * properties in place instead of unregistering the probe under the scanner's feet.
     */
    @Modified
    void modified() {
    }

    @Override
    public Set<String> extensions() {
        return FfmpegConstants.EXTENSIONS;
    }

    @Override
    public MediaMetadata probe(Path file) throws IOException {
        libavLog.followLoggerLevel();
        try (MediaInput input = MediaInput.open(file)) {
            return read(input.context(), file);
        }
    }

    private static MediaMetadata read(AVFormatContext context, Path file) throws IOException {
        List<MediaStream> streams = StreamInventory.of(context, file);
        MediaMetadata inventory = new MediaMetadata(null, null, null, null, null, null, null, null, streams);
        Optional<MediaStream> video = inventory.mainVideo();
        Optional<MediaStream> audio = inventory.streams(StreamKind.AUDIO).stream().findFirst();
        if (video.isEmpty() && audio.isEmpty()) {
            throw new IOException("no audio or video stream FFmpeg can read in " + file);
        }
        // Raw elementary-stream demuxers (.m4v, .h264, ...) accept any bytes as a video stream; without a picture
        // size and without audio there is nothing playable.
        if (audio.isEmpty() && (video.get().codedWidth() == null || video.get().codedHeight() == null)) {
            throw new IOException("FFmpeg found no picture size in the " + video.get().codec() + " stream of "
                    + file + ": damaged, or not a video");
        }
        Double frameRate = null;
        if (video.isPresent()) {
            frameRate = frameRate(context, context.streams(video.get().index()));
            streams = withFrameRate(streams, video.get(), frameRate);
        }
        Double duration = duration(context);
        return new MediaMetadata(
                duration,
                video.map(MediaStream::width).orElse(null),
                video.map(MediaStream::height).orElse(null),
                video.map(MediaStream::codec).orElse(null),
                audio.map(MediaStream::codec).orElse(null),
                bitrate(context, file, duration),
                frameRate,
                containerName(context, file),
                streams);
    }

    /** The main video stream carries the rate measured for the whole file (a Matroska time base is no rate). */
    private static List<MediaStream> withFrameRate(List<MediaStream> streams, MediaStream video, Double frameRate) {
        if (Objects.equals(video.frameRate(), frameRate)) {
            return streams;
        }
        List<MediaStream> copy = new ArrayList<>(streams);
        copy.set(streams.indexOf(video), video.toBuilder().frameRate(frameRate).build());
        return copy;
    }

    private static Double duration(AVFormatContext context) {
        if (context.duration() != AV_NOPTS_VALUE && context.duration() >= 0) {
            return context.duration() / FfmpegConstants.AV_TIME_BASE;
        }
        // Some demuxers (raw streams, damaged indexes) only know the streams' own durations.
        double longest = -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.duration() != AV_NOPTS_VALUE && stream.duration() >= 0) {
                longest = Math.max(longest, stream.duration() * rational(stream.time_base()));
            }
        }
        return longest < 0 ? null : longest;
    }

    private static Long bitrate(AVFormatContext context, Path file, Double duration) throws IOException {
        if (context.bit_rate() > 0) {
            return context.bit_rate();
        }
        return AverageBitrate.of(Files.size(file), duration);
    }

    /**
     * The stream's average frame rate; when the container states none, or one no camera records (a variable-rate
     * Matroska file states its 1 ms time base: 1000/s), the rate measured on the first packets' timestamps.
     */
    private static Double frameRate(AVFormatContext context, AVStream video) {
        double average = rational(video.avg_frame_rate());
        if (average > 0 && average <= MAX_PLAUSIBLE_FPS) {
            return average;
        }
        double measured = measuredFrameRate(context, video);
        if (measured > 0 && measured <= MAX_PLAUSIBLE_FPS) {
            return measured;
        }
        double real = rational(video.r_frame_rate());
        if (real > 0 && real <= MAX_PLAUSIBLE_FPS) {
            return real;
        }
        return average > 0 ? average : null;
    }

    /** Frames per second over the first {@link #RATE_SAMPLE_FRAMES} video packets (demuxed, not decoded); 0 if unknown. */
    private static double measuredFrameRate(AVFormatContext context, AVStream video) {
        long[] times = new long[RATE_SAMPLE_FRAMES];
        int count = 0;
        AVPacket packet = av_packet_alloc();
        if (packet == null) {
            return 0;
        }
        try {
            for (int read = 0; read < RATE_SAMPLE_PACKETS && count < times.length; read++) {
                if (av_read_frame(context, packet) < 0) {
                    break;
                }
                if (packet.stream_index() == video.index() && packet.pts() != AV_NOPTS_VALUE) {
                    times[count++] = packet.pts();
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
        if (count < 2) {
            return 0;
        }
        long[] sorted = java.util.Arrays.copyOf(times, count); // presentation order (B-frames arrive out of it)
        java.util.Arrays.sort(sorted);
        double span = (sorted[count - 1] - sorted[0]) * rational(video.time_base());
        return span > 0 ? (count - 1) / span : 0;
    }

    /**
     * FFmpeg names demuxers by families ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"): the member matching the
     * file's extension reads best, else the family's first name.
     */
    private static String containerName(AVFormatContext context, Path file) {
        if (context.iformat() == null || context.iformat().name() == null) {
            return null;
        }
        String[] names = context.iformat().name().getString().split(",");
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        for (String name : names) {
            if (name.equals(extension)) {
                return name;
            }
        }
        return names[0];
    }

    private static double rational(AVRational value) {
        return StreamInventory.rational(value);
    }
}
