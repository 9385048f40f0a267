package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_FORCED;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StreamInventory} is responsible for describing every stream of an opened file as a {@link MediaStream}:
 * what the container and the codec parameters state (no frame is decoded), each value as the file says it.
 *
 * <p>Inconsistent files are recorded as they are, never refused: PQ stated on an 8-bit stream is PQ at 8 bits, and
 * mastering-display metadata without a PQ/HLG transfer is SDR (a debug line says so). A display matrix on a stream
 * that is not video is ignored; an odd angle is reported as stored (see {@link DisplayMatrix}) with one WARN line.
 */
final class StreamInventory {

    private static final Logger LOG = LoggerFactory.getLogger(StreamInventory.class);

    /** Above this a stated frame rate is a time base, not a frame rate (phones film slow motion at 240/s). */
    static final double MAX_PLAUSIBLE_FPS = 480;

    private static final int LAYOUT_NAME_BYTES = 64;

    private StreamInventory() {
    }

    /** Every stream of {@code context}, in index order. */
    static List<MediaStream> of(AVFormatContext context, Path file) {
        List<MediaStream> streams = new ArrayList<>(context.nb_streams());
        for (int i = 0; i < context.nb_streams(); i++) {
            streams.add(describe(context, context.streams(i), file));
        }
        return streams;
    }

    private static MediaStream describe(AVFormatContext context, AVStream stream, Path file) {
        AVCodecParameters parameters = stream.codecpar();
        StreamKind kind = kind(stream);
        int disposition = stream.disposition();
        MediaStream.Builder builder = MediaStream.builder(stream.index(), kind)
                .codec(codecName(parameters))
                .profile(profileName(parameters))
                .language(tag(stream.metadata(), "language"))
                .title(tag(stream.metadata(), "title"))
                .defaultTrack((disposition & AV_DISPOSITION_DEFAULT) != 0)
                .forced((disposition & AV_DISPOSITION_FORCED) != 0);
        switch (kind) {
            case VIDEO -> video(builder, context, stream, file);
            case AUDIO -> audio(builder, parameters);
            default -> {
                // Subtitles, attachments and data: codec, language, title and flags say all there is.
            }
        }
        return builder.build();
    }

    /** A cover picture is a one-frame "video" stream in FFmpeg; to a viewer it is an attachment. */
    private static StreamKind kind(AVStream stream) {
        int type = stream.codecpar().codec_type();
        if (type == AVMEDIA_TYPE_VIDEO) {
            return (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0 ? StreamKind.ATTACHMENT : StreamKind.VIDEO;
        }
        if (type == AVMEDIA_TYPE_AUDIO) {
            return StreamKind.AUDIO;
        }
        if (type == AVMEDIA_TYPE_SUBTITLE) {
            return StreamKind.SUBTITLE;
        }
        return type == AVMEDIA_TYPE_ATTACHMENT ? StreamKind.ATTACHMENT : StreamKind.DATA;
    }

    private static void video(MediaStream.Builder builder, AVFormatContext context, AVStream stream, Path file) {
        AVCodecParameters parameters = stream.codecpar();
        Integer codedWidth = positive(parameters.width());
        Integer codedHeight = positive(parameters.height());
        AVRational sar = av_guess_sample_aspect_ratio(context, stream, (org.bytedeco.ffmpeg.avutil.AVFrame) null);
        boolean sarKnown = sar != null && sar.num() > 0 && sar.den() > 0;
        DisplayMatrix matrix = displayMatrix(parameters);
        if (matrix.odd()) {
            LOG.warn("{}: stream {} states a display rotation of {} degrees, not a quarter turn; shown as stored",
                    file, stream.index(), Double.isNaN(matrix.angle()) ? "an undefined number of"
                            : String.format(java.util.Locale.ROOT, "%.1f", matrix.angle()));
        }
        Integer width = codedWidth;
        Integer height = codedHeight;
        if (width != null && height != null && sarKnown && sar.num() != sar.den()) {
            width = (int) Math.max(1, Math.round((double) width * sar.num() / sar.den()));
        }
        if (matrix.swapsSides()) {
            Integer swap = width;
            width = height;
            height = swap;
        }
        int format = parameters.format();
        HdrTransfer hdr = hdr(parameters.color_trc());
        if (hdr == HdrTransfer.SDR && hasSideData(parameters, AV_PKT_DATA_MASTERING_DISPLAY_METADATA)) {
            LOG.debug("{}: stream {} has HDR mastering metadata but an SDR transfer ({}): recorded as SDR",
                    file, stream.index(), parameters.color_trc());
        }
        builder.codedSize(codedWidth, codedHeight)
                .displaySize(width, height)
                .sampleAspectRatio(sarKnown ? sar.num() + ":" + sar.den() : null)
                .rotation(matrix.rotation())
                .flipped(matrix.flipped())
                .pixelFormat(format < 0 ? null : string(av_get_pix_fmt_name(format)))
                .bitDepth(bitDepth(parameters))
                .hdr(hdr)
                .frameRate(frameRate(stream));
    }

    private static void audio(MediaStream.Builder builder, AVCodecParameters parameters) {
        int channels = parameters.ch_layout().nb_channels();
        builder.channels(positive(channels))
                .channelLayout(channels > 0 ? layoutName(parameters) : null)
                .sampleRate(positive(parameters.sample_rate()));
    }

    /** The stream's display matrix (FFmpeg 8 keeps a stream's side data in its codec parameters). */
    static DisplayMatrix displayMatrix(AVCodecParameters parameters) {
        AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(),
                parameters.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < 9 * Integer.BYTES || side.data() == null) {
            return DisplayMatrix.UPRIGHT;
        }
        int[] values = new int[9];
        new IntPointer(side.data()).get(values);
        return DisplayMatrix.of(values);
    }

    private static boolean hasSideData(AVCodecParameters parameters, int type) {
        AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(),
                parameters.nb_coded_side_data(), type);
        return side != null && !side.isNull();
    }

    static HdrTransfer hdr(int colorTransfer) {
        if (colorTransfer == AVCOL_TRC_SMPTE2084) {
            return HdrTransfer.PQ;
        }
        return colorTransfer == AVCOL_TRC_ARIB_STD_B67 ? HdrTransfer.HLG : HdrTransfer.SDR;
    }

    /** Bits of the first component in the pixel format's descriptor; the codec's raw sample size otherwise. */
    private static Integer bitDepth(AVCodecParameters parameters) {
        if (parameters.format() >= 0) {
            AVPixFmtDescriptor descriptor = av_pix_fmt_desc_get(parameters.format());
            if (descriptor != null && !descriptor.isNull() && descriptor.nb_components() > 0) {
                return positive(descriptor.comp(0).depth());
            }
        }
        return positive(parameters.bits_per_raw_sample());
    }

    /** The average frame rate, else the container's base rate, when either is one a camera records. */
    static Double frameRate(AVStream stream) {
        double average = rational(stream.avg_frame_rate());
        if (average > 0 && average <= MAX_PLAUSIBLE_FPS) {
            return average;
        }
        double real = rational(stream.r_frame_rate());
        return real > 0 && real <= MAX_PLAUSIBLE_FPS ? real : null;
    }

    private static String layoutName(AVCodecParameters parameters) {
        byte[] name = new byte[LAYOUT_NAME_BYTES];
        int length = av_channel_layout_describe(parameters.ch_layout(), name, name.length);
        if (length <= 0) {
            return null;
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    static String codecName(AVCodecParameters parameters) {
        String name = string(avcodec_get_name(parameters.codec_id()));
        // FFmpeg names a codec it does not know "none" (or "unknown_codec"): unknown is null, not a codec.
        return name == null || name.equals("none") || name.startsWith("unknown") ? null : name;
    }

    private static String profileName(AVCodecParameters parameters) {
        return parameters.profile() < 0 ? null
                : string(avcodec_profile_name(parameters.codec_id(), parameters.profile()));
    }

    private static String tag(AVDictionary metadata, String key) {
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        AVDictionaryEntry entry = av_dict_get(metadata, key, null, 0);
        return entry == null || entry.isNull() ? null : string(entry.value());
    }

    private static String string(BytePointer pointer) {
        return pointer == null || pointer.isNull() ? null : pointer.getString(StandardCharsets.UTF_8);
    }

    private static Integer positive(int value) {
        return value > 0 ? value : null;
    }

    static double rational(AVRational value) {
        return value == null || value.den() == 0 ? 0 : (double) value.num() / value.den();
    }
}
