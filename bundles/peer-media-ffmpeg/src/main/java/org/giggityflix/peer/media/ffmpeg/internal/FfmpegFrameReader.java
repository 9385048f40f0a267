package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code FfmpegFrameReader} is responsible for decoding one file for one reader with FFmpeg's own API: the video
 * stream (the first that is not a cover picture) and the chosen audio track are demuxed and decoded (every other
 * stream is discarded by the demuxer), pictures go through a {@link PictureFilter} (upright, SDR, I420) and sound
 * through a {@link SoundResampler} (s16le, 48 kHz); an image subtitle stream asked for is decoded and drawn into the
 * pictures by {@link BitmapSubtitles}. A file that ends well before its stated duration (cut short,
 * or truncated while it is read) ends with an {@link IOException} saying where it broke off, after every frame that
 * decoded.
 */
final class FfmpegFrameReader implements FrameReader {

    /** A file ending this much before its stated duration (and at least 3 % of it) was cut short. */
    static final double CUT_SHORT_SECONDS = 1.5;
    /** Pictures up to this size (1080p) are decoded on one thread. */
    static final long SINGLE_THREAD_PIXELS = 1920L * 1088;

    private final Path file;
    private final MediaInput input;
    private final AVFormatContext format;
    private final int videoIndex;
    private final AVCodecContext video;
    private final DisplayRotation rotation;
    private final List<Track> tracks;
    private final Optional<String> preferredLanguage;
    private final int channels;
    private final int width;
    private final int height;
    private final double duration;
    private final double startOffset;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame filtered = av_frame_alloc();
    private final AVFrame sound = av_frame_alloc();

    private int audioIndex = -1;
    private AVCodecContext audio;
    private BitmapSubtitles burnIn;
    private PictureFilter filter;
    private SoundResampler resampler;
    private boolean endOfFile;
    private int readError;
    private boolean videoDrained;
    private boolean audioDrained;
    private boolean filterFlushed;
    /** Frames before this time (seconds) are decoded but not handed out: the target of the last seek. */
    private double skipUntil = -1;
    private double lastSeconds;
    private ByteBuffer flipped;
    private boolean closed;

    private FfmpegFrameReader(Path file, MediaInput input, int videoIndex, AVCodecContext video, List<Track> tracks,
                              FrameOptions options) {
        this.file = file;
        this.input = input;
        this.format = input.context();
        this.videoIndex = videoIndex;
        this.video = video;
        this.tracks = List.copyOf(tracks);
        this.preferredLanguage = options.preferredAudioLanguage();
        this.channels = options.audioChannels();
        AVStream stream = format.streams(videoIndex);
        this.rotation = DisplayRotation.of(stream.codecpar());
        this.width = rotation.swapsSides() ? video.height() : video.width();
        this.height = rotation.swapsSides() ? video.width() : video.height();
        this.duration = format.duration() == AV_NOPTS_VALUE || format.duration() <= 0 ? 0
                : format.duration() / FfmpegConstants.AV_TIME_BASE;
        this.startOffset = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time() / FfmpegConstants.AV_TIME_BASE;
    }

    /** Opens {@code file}; the caller closes the result. */
    static FfmpegFrameReader open(Path file, FrameOptions options) throws IOException {
        MediaInput input = MediaInput.open(file);
        AVCodecContext video = null;
        FfmpegFrameReader reader = null;
        try {
            AVFormatContext format = input.context();
            int videoIndex = VideoDecoder.videoStream(format);
            if (videoIndex < 0) {
                throw new IOException("the file has no video stream: " + file.getFileName());
            }
            AVStream stream = format.streams(videoIndex);
            long pixels = (long) stream.codecpar().width() * stream.codecpar().height();
            // One 1080p stream decodes in a few hundredths of a core on one thread; beyond that FFmpeg chooses.
            video = Decoders.open(stream, pixels > SINGLE_THREAD_PIXELS ? 0 : 1, file, "video");
            List<Track> tracks = audioTracks(format);
            reader = new FfmpegFrameReader(file, input, videoIndex, video, tracks, options);
            for (int i = 0; i < format.nb_streams(); i++) {
                format.streams(i).discard(i == videoIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL);
            }
            if (options.audioChannels() > 0) {
                OptionalInt chosen = AudioTracks.choose(tracks, options.audioTrack(), options.preferredAudioLanguage());
                if (chosen.isPresent()) {
                    reader.useAudio(chosen.getAsInt());
                }
            }
            return reader;
        } catch (IOException | RuntimeException | Error e) {
            if (reader != null) {
                reader.close();
            } else {
                Decoders.free(video);
                input.close();
            }
            throw e;
        }
    }

    private static List<Track> audioTracks(AVFormatContext format) {
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

    private void useAudio(int index) throws IOException {
        AVCodecContext next = Decoders.open(format.streams(index), 1, file, "audio");
        if (audio != null) {
            format.streams(audioIndex).discard(AVDISCARD_ALL);
            Decoders.free(audio);
        }
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
        audio = next;
        audioIndex = index;
        audioDrained = false;
        format.streams(index).discard(AVDISCARD_DEFAULT);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public double durationSeconds() {
        return duration;
    }

    @Override
    public List<Track> audioTracks() {
        return tracks;
    }

    @Override
    public OptionalInt audioTrack() {
        return audioIndex < 0 ? OptionalInt.empty() : OptionalInt.of(audioIndex);
    }

    /** The display rotation the pictures are turned by (for logs and tests). */
    DisplayRotation rotation() {
        return rotation;
    }

    @Override
    public DecodedFrame next() throws IOException {
        av_frame_unref(filtered);
        while (true) {
            DecodedFrame ready = ready();
            if (ready != null) {
                return ready;
            }
            if (endOfFile) {
                // Both decoders were flushed: once nothing is ready, everything that decoded is out.
                checkComplete();
                return null;
            }
            int result = av_read_frame(format, packet);
            if (result < 0) {
                endOfFile = true;
                readError = result == AVERROR_EOF ? 0 : result;
                avcodec_send_packet(video, null);
                if (audio != null) {
                    avcodec_send_packet(audio, null);
                }
                continue;
            }
            try {
                if (packet.stream_index() == videoIndex) {
                    // A damaged packet is dropped, as the ffmpeg command line does; the frames around it still come.
                    avcodec_send_packet(video, packet);
                } else if (audio != null && packet.stream_index() == audioIndex) {
                    avcodec_send_packet(audio, packet);
                } else if (burnIn != null && packet.stream_index() == burnIn.index()) {
                    burnIn.decode(packet, width, height);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** A picture or sound that is ready without reading more of the file, or null. */
    private DecodedFrame ready() throws IOException {
        while (true) {
            if (filter != null && filter.pull(filtered)) {
                double seconds = filtered.pts() == AV_NOPTS_VALUE ? lastSeconds
                        : filtered.pts() * filter.timeBase() - startOffset;
                if (seconds + 1e-3 < skipUntil) {
                    av_frame_unref(filtered);
                    continue;
                }
                lastSeconds = Math.max(lastSeconds, seconds);
                if (burnIn != null && burnIn.showing(seconds)) {
                    return withSubtitles(seconds);
                }
                return picture(seconds);
            }
            if (videoDrained) {
                break;
            }
            int result = avcodec_receive_frame(video, decoded);
            if (result >= 0) {
                filterPicture();
                continue;
            }
            if (result == AVERROR_EOF) {
                videoDrained = true;
                if (filter != null && !filterFlushed) {
                    filter.flush();
                    filterFlushed = true;
                    continue;
                }
                break;
            }
            if (result != AVERROR_EAGAIN()) {
                throw new IOException("FFmpeg failed decoding the video of " + file.getFileName() + " ("
                        + FfmpegNatives.describe(result) + ")");
            }
            break;
        }
        if (audio != null && !audioDrained) {
            while (true) {
                int result = avcodec_receive_frame(audio, sound);
                if (result == AVERROR_EOF) {
                    audioDrained = true;
                    return null;
                }
                if (result < 0) {
                    // EAGAIN: more packets needed; a damaged audio frame is skipped like a damaged packet.
                    audioDrained = endOfFile;
                    return null;
                }
                try {
                    long ts = sound.best_effort_timestamp();
                    AVRational base = format.streams(audioIndex).time_base();
                    double seconds = ts == AV_NOPTS_VALUE ? lastSeconds : ts * av_q2d(base) - startOffset;
                    if (seconds + 1e-3 < skipUntil) {
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
                    lastSeconds = Math.max(lastSeconds, seconds);
                    return new DecodedFrame.Sound(micros(seconds), channels, pcm);
                } finally {
                    av_frame_unref(sound);
                }
            }
        }
        return null;
    }

    private void filterPicture() throws IOException {
        try {
            decoded.pts(decoded.best_effort_timestamp());
            if (filter == null || !filter.matches(decoded)) {
                if (filter != null) {
                    filter.close();
                }
                // Streaming: the single-conversion tone mapping (real time on these machines), one filter thread.
                filter = PictureFilter.create(decoded, format.streams(videoIndex).time_base(), rotation,
                        PictureFilter.ToneMap.FAST, "yuv420p", 1);
                filterFlushed = false;
            }
            filter.push(decoded);
        } finally {
            av_frame_unref(decoded);
        }
    }

    /** The picture with the subtitle bitmaps on screen at {@code seconds} drawn into it (in its own memory). */
    private DecodedFrame.Picture withSubtitles(double seconds) throws IOException {
        int result = av_frame_make_writable(filtered);
        if (result < 0) {
            throw new IOException("FFmpeg cannot copy a picture of " + file.getFileName() + " to draw subtitles on ("
                    + FfmpegNatives.describe(result) + ")");
        }
        DecodedFrame.Picture p = picture(seconds);
        burnIn.draw(seconds, p.width(), p.height(), p.y(), p.strideY(), p.u(), p.strideU(), p.v(), p.strideV());
        return p;
    }

    private DecodedFrame.Picture picture(double seconds) {
        int w = filtered.width();
        int h = filtered.height();
        int chromaH = (h + 1) / 2;
        ByteBuffer y = plane(0, h, 0);
        ByteBuffer u = plane(1, chromaH, y.capacity());
        ByteBuffer v = plane(2, chromaH, y.capacity() + u.capacity());
        return new DecodedFrame.Picture(micros(seconds), w, h, y, Math.abs(filtered.linesize(0)), u,
                Math.abs(filtered.linesize(1)), v, Math.abs(filtered.linesize(2)));
    }

    /**
     * Plane {@code i} as a buffer whose rows go top to bottom. A vertical flip leaves FFmpeg's rows bottom-up (a
     * negative line size): those are copied once into the reader's own buffer in display order.
     */
    private ByteBuffer plane(int i, int rows, int offset) {
        int stride = filtered.linesize(i);
        BytePointer data = filtered.data(i);
        if (stride >= 0) {
            return data.capacity((long) stride * rows).asByteBuffer();
        }
        int bytes = -stride;
        BytePointer lowest = new BytePointer(data).position((long) stride * (rows - 1));
        ByteBuffer memory = lowest.capacity(lowest.position() + (long) bytes * rows).asByteBuffer();
        int total = offset + bytes * rows;
        if (flipped == null || flipped.capacity() < total) {
            // Planes already handed out for this picture keep the old buffer alive through their slices.
            flipped = ByteBuffer.allocateDirect(2 * total);
        }
        ByteBuffer target = flipped.duplicate().position(offset).limit(offset + bytes * rows).slice();
        for (int row = 0; row < rows; row++) {
            ByteBuffer source = memory.duplicate();
            int at = (rows - 1 - row) * bytes;
            source.position(at).limit(at + bytes);
            target.put(source);
        }
        return target.flip();
    }

    private static long micros(double seconds) {
        return Math.round(Math.max(0, seconds) * 1_000_000);
    }

    private static double av_q2d(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
    }

    private void checkComplete() throws IOException {
        if (duration <= 0) {
            if (readError != 0) {
                throw brokeOff();
            }
            return;
        }
        double missing = duration - lastSeconds;
        if (readError != 0 || missing > Math.max(CUT_SHORT_SECONDS, 0.03 * duration)) {
            throw brokeOff();
        }
    }

    private IOException brokeOff() {
        return new IOException(String.format(Locale.ROOT, "%s breaks off at %.1f s of %.1f s (cut short, damaged or"
                        + " truncated while playing)%s", file.getFileName(), Math.max(0, lastSeconds), duration,
                readError != 0 ? ": " + FfmpegNatives.describe(readError) : ""));
    }

    @Override
    public void seek(double seconds) throws IOException {
        double target = Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
        AVStream stream = format.streams(videoIndex);
        double base = av_q2d(stream.time_base());
        long ticks = base > 0 ? (long) Math.floor((target + startOffset) / base) : 0;
        int result = av_seek_frame(format, videoIndex, ticks, AVSEEK_FLAG_BACKWARD);
        if (result < 0) {
            result = av_seek_frame(format, videoIndex, ticks, 0);
        }
        if (result < 0) {
            throw new IOException("FFmpeg cannot seek to " + target + " s in " + file.getFileName() + " ("
                    + FfmpegNatives.describe(result) + ")");
        }
        avcodec_flush_buffers(video);
        if (audio != null) {
            avcodec_flush_buffers(audio);
        }
        if (burnIn != null) {
            burnIn.flush();
        }
        resetAfterSeek(target);
    }

    private void resetAfterSeek(double target) {
        if (filter != null) {
            filter.close();
            filter = null;
        }
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
        av_frame_unref(filtered);
        endOfFile = false;
        readError = 0;
        videoDrained = false;
        audioDrained = false;
        filterFlushed = false;
        skipUntil = target;
        lastSeconds = target;
    }

    @Override
    public void selectAudioTrack(TrackChoice choice) throws IOException {
        OptionalInt chosen = AudioTracks.choose(tracks, choice, preferredLanguage);
        if (channels == 0 || chosen.isEmpty() || chosen.getAsInt() == audioIndex) {
            return;
        }
        useAudio(chosen.getAsInt());
        // The new track's packets from here on: seek back to where the pictures are so it starts in step.
        seek(lastSeconds);
    }

    @Override
    public void burnInSubtitles(OptionalInt streamIndex) throws IOException {
        if (streamIndex.isPresent() && burnIn != null && burnIn.index() == streamIndex.getAsInt()) {
            return;
        }
        BitmapSubtitles next = streamIndex.isPresent()
                ? BitmapSubtitles.open(format, streamIndex.getAsInt(), rotation, startOffset, file) : null;
        if (burnIn != null) {
            format.streams(burnIn.index()).discard(AVDISCARD_ALL);
            burnIn.close();
        }
        burnIn = next;
        if (next != null) {
            format.streams(next.index()).discard(AVDISCARD_DEFAULT);
            // The stream's packets from a little before the pictures: a bitmap shown now was sent earlier.
            seek(lastSeconds);
        }
    }

    /** The stream index of the subtitles drawn into the pictures, -1 for none (for tests). */
    int burnedInSubtitles() {
        return burnIn == null ? -1 : burnIn.index();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (filter != null) {
            filter.close();
        }
        if (resampler != null) {
            resampler.close();
        }
        av_frame_free(filtered);
        av_frame_free(decoded);
        av_frame_free(sound);
        av_packet_free(packet);
        if (burnIn != null) {
            burnIn.close();
        }
        Decoders.free(audio);
        Decoders.free(video);
        input.close();
    }
}
