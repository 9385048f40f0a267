package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader.Track;

/**
 * {@code ReaderAudio} is responsible for the sound of one {@link FfmpegFrameReader}: the audio tracks the file has,
 * the decoder of the one heard (its packets let through by the demuxer, the others' discarded), and its sound
 * resampled by a {@link SoundResampler} to s16le at 48 kHz in the channels asked for, from the last seek's target
 * on. Used on the reader's thread only.
 */
final class ReaderAudio implements AutoCloseable {

    private final Path file;
    private final AVFormatContext format;
    private final int channels;
    private final ReadPosition position;
    private final AVFrame sound = av_frame_alloc();

    private int index = -1;
    private AVCodecContext decoder;
    private SoundResampler resampler;
    private boolean drained;

    /** {@code channels}: 1 or 2, or 0 for a reader without sound. */
    ReaderAudio(Path file, AVFormatContext format, int channels, ReadPosition position) {
        this.file = file;
        this.format = format;
        this.channels = channels;
        this.position = position;
    }

    /** The audio tracks of {@code format}; a file where every track is flagged default has no real default. */
    static List<Track> tracks(AVFormatContext format) {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() != AVMEDIA_TYPE_AUDIO) {
                continue;
            }
            tracks.add(new Track(i, tag(stream, "language").map(l -> l.toLowerCase(Locale.ROOT))
                    .filter(l -> !l.equals("und")), tag(stream, "title"),
                    (stream.disposition() & AV_DISPOSITION_DEFAULT) != 0, stream.codecpar().ch_layout().nb_channels()));
        }
        // A file where every track is flagged default (many muxers flag them all) has no real default.
        if (tracks.size() > 1 && tracks.stream().allMatch(Track::isDefault)) {
            tracks.replaceAll(t -> new Track(t.streamIndex(), t.language(), t.title(), false, t.channels()));
        }
        return tracks;
    }

    private static Optional<String> tag(AVStream stream, String key) {
        AVDictionaryEntry entry = av_dict_get(stream.metadata(), key, null, 0);
        if (entry == null || entry.isNull() || entry.value() == null) {
            return Optional.empty();
        }
        String value = entry.value().getString().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The stream index of the track heard, -1 for none. */
    int index() {
        return index;
    }

    /** Whether {@code packet} belongs to the track heard. */
    boolean owns(AVPacket packet) {
        return decoder != null && packet.stream_index() == index;
    }

    /** Hears stream {@code index} from now on (its decoder opened before the old one is let go). */
    void use(int streamIndex) throws IOException {
        AVCodecContext next = Decoders.open(format.streams(streamIndex), 1, file, "audio");
        if (decoder != null) {
            format.streams(index).discard(AVDISCARD_ALL);
            Decoders.free(decoder);
        }
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
        decoder = next;
        index = streamIndex;
        drained = false;
        format.streams(streamIndex).discard(AVDISCARD_DEFAULT);
    }

    /** Hands the decoder a packet of its track (a damaged one is dropped by the decoder). */
    void decode(AVPacket packet) {
        avcodec_send_packet(decoder, packet);
    }

    /** The file has no more packets: the decoder gives out what it holds. */
    void endOfFile() {
        if (decoder != null) {
            avcodec_send_packet(decoder, null);
        }
    }

    /** The reader seeked: what the decoder and the resampler held is dropped. */
    void seeked() {
        if (decoder != null) {
            avcodec_flush_buffers(decoder);
        }
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
        drained = false;
    }

    /**
     * Sound that is ready without reading more of the file, or null; sound before the last seek's target is
     * dropped. {@code endOfFile}: the file has no more packets (so a decoder asking for more is done).
     */
    DecodedFrame.Sound next(boolean endOfFile) throws IOException {
        if (decoder == null || drained) {
            return null;
        }
        while (true) {
            int result = avcodec_receive_frame(decoder, sound);
            if (result == AVERROR_EOF) {
                drained = true;
                return null;
            }
            if (result < 0) {
                // EAGAIN: more packets needed; a damaged audio frame is skipped like a damaged packet.
                drained = endOfFile;
                return null;
            }
            try {
                AVRational base = format.streams(index).time_base();
                double seconds = position.seconds(sound.best_effort_timestamp(), ReadPosition.av_q2d(base));
                if (position.skipped(seconds)) {
                    continue;
                }
                if (resampler == null || !resampler.matches(sound)) {
                    if (resampler != null) {
                        resampler.close();
                    }
                    resampler = SoundResampler.create(sound, channels, FrameOptions.AUDIO_RATE);
                }
                byte[] pcm = resampler.convert(sound);
                if (pcm.length == 0) {
                    continue;
                }
                position.reached(seconds);
                return new DecodedFrame.Sound(ReadPosition.micros(seconds), channels, pcm);
            } finally {
                av_frame_unref(sound);
            }
        }
    }

    @Override
    public void close() {
        if (resampler != null) {
            resampler.close();
        }
        av_frame_free(sound);
        Decoders.free(decoder);
    }
}
