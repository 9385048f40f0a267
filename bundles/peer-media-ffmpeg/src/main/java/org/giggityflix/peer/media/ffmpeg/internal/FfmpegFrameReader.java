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
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code FfmpegFrameReader} is responsible for decoding one file for one reader with FFmpeg's own API: the video
 * stream (the first that is not a cover picture) and the chosen audio track are demuxed and decoded (every other
 * stream is discarded by the demuxer), pictures go through a {@link PictureFilter} (upright, SDR, I420) and out
 * through {@link PicturePlanes}, sound is {@link ReaderAudio}'s; an image subtitle stream asked for is decoded and
 * drawn into the pictures by {@link BitmapSubtitles}. Where the reader is, and whether the file broke off, is kept by
 * {@link ReadPosition}: a file that ends well before its stated duration (cut short, or truncated while it is read)
 * ends with an {@link IOException} saying where it broke off, after every frame that decoded.
 */
final class FfmpegFrameReader implements FrameReader {

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
    private final ReadPosition position;
    private final ReaderAudio audio;
    private final PicturePlanes planes = new PicturePlanes();
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame filtered = av_frame_alloc();

    private BitmapSubtitles burnIn;
    private PictureFilter filter;
    private boolean endOfFile;
    private int readError;
    private boolean videoDrained;
    private boolean filterFlushed;
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
        this.position = new ReadPosition(file, format);
        this.audio = new ReaderAudio(file, format, channels, position);
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
            List<Track> tracks = ReaderAudio.tracks(format);
            reader = new FfmpegFrameReader(file, input, videoIndex, video, tracks, options);
            for (int i = 0; i < format.nb_streams(); i++) {
                format.streams(i).discard(i == videoIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL);
            }
            if (options.audioChannels() > 0) {
                OptionalInt chosen = AudioTracks.choose(tracks, options.audioTrack(), options.preferredAudioLanguage());
                if (chosen.isPresent()) {
                    reader.audio.use(chosen.getAsInt());
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
        return position.duration();
    }

    @Override
    public List<Track> audioTracks() {
        return tracks;
    }

    @Override
    public OptionalInt audioTrack() {
        return audio.index() < 0 ? OptionalInt.empty() : OptionalInt.of(audio.index());
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
                position.checkComplete(readError);
                return null;
            }
            int result = av_read_frame(format, packet);
            if (result < 0) {
                endOfFile = true;
                readError = result == AVERROR_EOF ? 0 : result;
                avcodec_send_packet(video, null);
                audio.endOfFile();
                continue;
            }
            try {
                if (packet.stream_index() == videoIndex) {
                    // A damaged packet is dropped, as the ffmpeg command line does; the frames around it still come.
                    avcodec_send_packet(video, packet);
                } else if (audio.owns(packet)) {
                    audio.decode(packet);
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
                double seconds = position.seconds(filtered.pts(), filter.timeBase());
                if (position.skipped(seconds)) {
                    av_frame_unref(filtered);
                    continue;
                }
                position.reached(seconds);
                if (burnIn != null && burnIn.showing(seconds)) {
                    return withSubtitles(seconds);
                }
                return planes.picture(filtered, seconds);
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
        return audio.next(endOfFile);
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
        DecodedFrame.Picture p = planes.picture(filtered, seconds);
        burnIn.draw(seconds, p.width(), p.height(), p.y(), p.strideY(), p.u(), p.strideU(), p.v(), p.strideV());
        return p;
    }

    @Override
    public void seek(double seconds) throws IOException {
        double target = position.target(seconds);
        AVStream stream = format.streams(videoIndex);
        long ticks = position.ticks(target, ReadPosition.av_q2d(stream.time_base()));
        int result = av_seek_frame(format, videoIndex, ticks, AVSEEK_FLAG_BACKWARD);
        if (result < 0) {
            result = av_seek_frame(format, videoIndex, ticks, 0);
        }
        if (result < 0) {
            throw new IOException("FFmpeg cannot seek to " + target + " s in " + file.getFileName() + " ("
                    + FfmpegNatives.describe(result) + ")");
        }
        avcodec_flush_buffers(video);
        audio.seeked();
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
        av_frame_unref(filtered);
        endOfFile = false;
        readError = 0;
        videoDrained = false;
        filterFlushed = false;
        position.seeked(target);
    }

    @Override
    public void selectAudioTrack(TrackChoice choice) throws IOException {
        OptionalInt chosen = AudioTracks.choose(tracks, choice, preferredLanguage);
        if (channels == 0 || chosen.isEmpty() || chosen.getAsInt() == audio.index()) {
            return;
        }
        audio.use(chosen.getAsInt());
        // The new track's packets from here on: seek back to where the pictures are so it starts in step.
        seek(position.last());
    }

    @Override
    public void burnInSubtitles(OptionalInt streamIndex) throws IOException {
        if (streamIndex.isPresent() && burnIn != null && burnIn.index() == streamIndex.getAsInt()) {
            return;
        }
        BitmapSubtitles next = streamIndex.isPresent()
                ? BitmapSubtitles.open(format, streamIndex.getAsInt(), rotation, position.startOffset(), file) : null;
        if (burnIn != null) {
            format.streams(burnIn.index()).discard(AVDISCARD_ALL);
            burnIn.close();
        }
        burnIn = next;
        if (next != null) {
            format.streams(next.index()).discard(AVDISCARD_DEFAULT);
            // The stream's packets from a little before the pictures: a bitmap shown now was sent earlier.
            seek(position.last());
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
        av_frame_free(filtered);
        av_frame_free(decoded);
        av_packet_free(packet);
        audio.close();
        if (burnIn != null) {
            burnIn.close();
        }
        Decoders.free(video);
        input.close();
    }
}
