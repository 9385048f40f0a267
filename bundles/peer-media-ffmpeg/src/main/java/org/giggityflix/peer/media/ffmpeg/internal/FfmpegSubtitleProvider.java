package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_TEXT_SUB;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_ASS;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_FORCED;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleProvider;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code FfmpegSubtitleProvider} is responsible for reading text subtitle streams (SubRip, ASS/SSA, mov_text,
 * WebVTT and the other text codecs FFmpeg decodes) in-process: it lists a file's subtitle streams and decodes the
 * cues of one of them with FFmpeg's subtitle decoders (every other stream discarded by the demuxer), markup
 * stripped by {@link AssText}. Events that fail to decode or carry no usable time are skipped.
 */
@Component(service = SubtitleProvider.class, configurationPid = FfmpegConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FfmpegSubtitleProvider implements SubtitleProvider {

    /** More cues than any film has: a stream beyond this is garbage, and what was read is returned. */
    private static final int MAX_CUES = 100_000;
    /** Longest text kept per cue. */
    private static final int MAX_TEXT = 2_000;
    /** How long a cue stays when the file says nothing about its end. */
    private static final double DEFAULT_SECONDS = 4;

    private final LibavLog libavLog;

    /** @param libavLog FFmpeg's log, routed to slf4j while this bundle is active */
    @Activate
    public FfmpegSubtitleProvider(@Reference LibavLog libavLog) {
        this.libavLog = libavLog;
    }

    /** The plain-JVM tests' provider. */
    FfmpegSubtitleProvider() {
        this(new LibavLog());
    }

    /** Nothing to apply: a changed ranking updates the service's properties in place. */
    @Modified
    void modified() {
    }

    @Override
    public Set<String> extensions() {
        return FfmpegConstants.EXTENSIONS;
    }

    @Override
    public List<SubtitleTrack> tracks(Path file) throws IOException {
        libavLog.followLoggerLevel();
        try (MediaInput input = MediaInput.open(file)) {
            AVFormatContext format = input.context();
            List<SubtitleTrack> tracks = new ArrayList<>();
            for (int i = 0; i < format.nb_streams(); i++) {
                AVStream stream = format.streams(i);
                if (stream.codecpar().codec_type() == AVMEDIA_TYPE_SUBTITLE) {
                    tracks.add(track(i, stream));
                }
            }
            return tracks;
        }
    }

    private static SubtitleTrack track(int index, AVStream stream) {
        int codecId = stream.codecpar().codec_id();
        BytePointer name = avcodec_get_name(codecId);
        String codec = name == null || name.isNull() ? "unknown" : name.getString(StandardCharsets.UTF_8);
        int disposition = stream.disposition();
        return new SubtitleTrack(index, codec, tag(stream.metadata(), "language"), tag(stream.metadata(), "title"),
                (disposition & AV_DISPOSITION_DEFAULT) != 0, (disposition & AV_DISPOSITION_FORCED) != 0,
                isText(codecId));
    }

    private static boolean isText(int codecId) {
        AVCodecDescriptor descriptor = avcodec_descriptor_get(codecId);
        if (descriptor == null || descriptor.isNull() || (descriptor.props() & AV_CODEC_PROP_TEXT_SUB) == 0) {
            return false;
        }
        AVCodec decoder = avcodec_find_decoder(codecId);
        return decoder != null && !decoder.isNull();
    }

    private static Optional<String> tag(AVDictionary metadata, String key) {
        if (metadata == null || metadata.isNull()) {
            return Optional.empty();
        }
        AVDictionaryEntry entry = av_dict_get(metadata, key, null, 0);
        if (entry == null || entry.isNull() || entry.value() == null || entry.value().isNull()) {
            return Optional.empty();
        }
        String value = entry.value().getString(StandardCharsets.UTF_8).strip();
        return value.isEmpty() || value.equals("und") && key.equals("language") ? Optional.empty()
                : Optional.of(value);
    }

    @Override
    public List<SubtitleCue> cues(Path file, int streamIndex) throws IOException {
        libavLog.followLoggerLevel();
        try (MediaInput input = MediaInput.open(file)) {
            AVFormatContext format = input.context();
            if (streamIndex < 0 || streamIndex >= format.nb_streams()
                    || format.streams(streamIndex).codecpar().codec_type() != AVMEDIA_TYPE_SUBTITLE) {
                throw new IOException("stream " + streamIndex + " of " + file.getFileName()
                        + " is not a subtitle stream");
            }
            AVStream stream = format.streams(streamIndex);
            int codecId = stream.codecpar().codec_id();
            if (!isText(codecId)) {
                throw new IOException("subtitle stream " + streamIndex + " of " + file.getFileName() + " ("
                        + track(streamIndex, stream).codec() + ") is not text this peer can read");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != streamIndex) {
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            AVCodec decoder = avcodec_find_decoder(codecId);
            AVCodecContext codec = avcodec_alloc_context3(decoder);
            if (codec == null || codec.isNull()) {
                throw new IOException("out of memory opening the subtitle decoder for " + file.getFileName());
            }
            try {
                int result = avcodec_parameters_to_context(codec, stream.codecpar());
                if (result >= 0) {
                    codec.pkt_timebase(stream.time_base());
                    result = avcodec_open2(codec, decoder, (AVDictionary) null);
                }
                if (result < 0) {
                    throw new IOException("FFmpeg cannot open the subtitle decoder of stream " + streamIndex + " of "
                            + file.getFileName() + " (" + FfmpegNatives.describe(result) + ")");
                }
                double offset = format.start_time() == AV_NOPTS_VALUE || format.start_time() <= 0 ? 0
                        : format.start_time() / FfmpegConstants.AV_TIME_BASE;
                return decode(format, codec, streamIndex, rational(stream.time_base()), offset);
            } finally {
                avcodec_free_context(codec);
            }
        }
    }

    /** One pass over the file: every packet of the stream decoded into cues; open ends closed by the next cue. */
    private static List<SubtitleCue> decode(AVFormatContext format, AVCodecContext codec, int index, double timeBase,
                                            double offset) {
        List<double[]> times = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        AVPacket packet = av_packet_alloc();
        AVSubtitle subtitle = new AVSubtitle();
        int[] got = new int[1];
        try {
            while (times.size() < MAX_CUES && av_read_frame(format, packet) >= 0) {
                try {
                    if (packet.stream_index() != index || packet.pts() == AV_NOPTS_VALUE) {
                        continue;
                    }
                    got[0] = 0;
                    if (avcodec_decode_subtitle2(codec, subtitle, got, packet) < 0 || got[0] == 0) {
                        continue; // an event FFmpeg cannot parse: skip it, keep the rest
                    }
                    try {
                        String text = text(subtitle);
                        double at = packet.pts() * timeBase - offset;
                        double start = at + Integer.toUnsignedLong(subtitle.start_display_time()) / 1000.0;
                        double end = Double.NaN;
                        if (packet.duration() > 0) {
                            end = (packet.pts() + packet.duration()) * timeBase - offset;
                        } else if (subtitle.end_display_time() != 0 && subtitle.end_display_time() != -1) {
                            end = at + Integer.toUnsignedLong(subtitle.end_display_time()) / 1000.0;
                        }
                        if (!text.isEmpty() && Double.isFinite(start) && start >= 0) {
                            times.add(new double[] {start, end});
                            texts.add(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
                        }
                    } finally {
                        avsubtitle_free(subtitle);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_packet_free(packet);
            subtitle.close();
        }
        return cues(times, texts);
    }

    /** Cues in start order; an open end runs to the next start (at most {@link #DEFAULT_SECONDS}). */
    private static List<SubtitleCue> cues(List<double[]> times, List<String> texts) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> times.get(i)[0]));
        List<SubtitleCue> cues = new ArrayList<>(order.size());
        for (int k = 0; k < order.size(); k++) {
            double[] t = times.get(order.get(k));
            double end = t[1];
            if (!(end > t[0])) {
                double next = k + 1 < order.size() ? times.get(order.get(k + 1))[0] : Double.POSITIVE_INFINITY;
                end = next > t[0] ? Math.min(next, t[0] + DEFAULT_SECONDS) : t[0] + DEFAULT_SECONDS;
            }
            cues.add(new SubtitleCue(t[0], end, texts.get(order.get(k))));
        }
        return cues;
    }

    private static String text(AVSubtitle subtitle) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < subtitle.num_rects(); r++) {
            AVSubtitleRect rect = subtitle.rects(r);
            String line = null;
            if (rect.type() == SUBTITLE_ASS && rect.ass() != null && !rect.ass().isNull()) {
                line = AssText.ofEvent(rect.ass().getString(StandardCharsets.UTF_8));
            } else if (rect.type() == SUBTITLE_TEXT && rect.text() != null && !rect.text().isNull()) {
                line = AssText.plain(rect.text().getString(StandardCharsets.UTF_8));
            }
            if (line != null && !line.isEmpty()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
            }
        }
        return out.toString();
    }

    private static double rational(AVRational r) {
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }
}
