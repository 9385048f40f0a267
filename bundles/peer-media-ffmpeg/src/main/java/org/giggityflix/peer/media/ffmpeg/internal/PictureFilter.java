package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;

/**
 * {@code PictureFilter} is responsible for making decoded pictures what viewers and screenshots want, in-process
 * with libavfilter: turned upright by the stream's display matrix ({@link DisplayRotation}), PQ and HLG (HDR)
 * converted to SDR BT.709 by {@code zscale} ({@link ToneMap}: tone-mapped for stills, a single conversion for
 * streaming), and any other pixel format (10-bit, 4:2:2, ...) converted to the wanted 8-bit one by FFmpeg's own
 * conversion (swscale, dithered as the command line does). One graph per picture format; {@link #matches} says when
 * a new one is needed.
 */
final class PictureFilter implements AutoCloseable {

    /** How HDR pictures become SDR. */
    enum ToneMap {
        /**
         * For stills: {@code zscale} to linear light (nominal peak 100 cd/m²), {@code tonemap} mobius (linear up to
         * 30 % of SDR white so faces and skies keep their SDR brightness and colour, highlights rolled off smoothly,
         * no desaturation), {@code zscale} back to BT.709. Float RGB at full size: about 0.9 core per 1080p30 stream
         * on this project's machines, too much for streaming.
         */
        QUALITY("zscale=%s:t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:desat=0,"
                + "zscale=t=bt709:m=bt709:r=tv"),
        /**
         * For streaming: one {@code zscale} from PQ/HLG and BT.2020 straight to the encoder's 8-bit 4:2:0 BT.709
         * (SDR white at 100 cd/m², brighter highlights clipped instead of rolled off; the {@code format} after it
         * makes zscale write yuv420p itself, no second conversion). Chroma is resampled to 4:4:4 and back by
         * nearest neighbour ({@code f=point}): at the same size that only picks each chroma sample where it sits,
         * and costs 0.17 instead of 0.24 core per 1080p30 stream (bilinear, zscale's default; ffmpeg 8.1 with this
         * build's libraries, one thread, 3 runs), the picture within 44 dB PSNR of the bilinear one.
         */
        FAST("zscale=%s:t=bt709:p=bt709:m=bt709:r=tv:npl=100:f=point");

        private final String chain;

        ToneMap(String chain) {
            this.chain = chain;
        }

        String chain(int transfer) {
            return String.format(chain, "tin=" + (transfer == AVCOL_TRC_SMPTE2084 ? "smpte2084" : "arib-std-b67")
                    + ":pin=bt2020:min=bt2020nc");
        }
    }

    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final int format;
    private final int width;
    private final int height;
    private final String description;
    private final double timeBase;

    private PictureFilter(AVFilterGraph graph, AVFilterContext source, AVFilterContext sink, AVFrame first,
                          String description) {
        this.graph = graph;
        this.source = source;
        this.sink = sink;
        this.format = first.format();
        this.width = first.width();
        this.height = first.height();
        this.description = description;
        AVRational base = av_buffersink_get_time_base(sink);
        this.timeBase = base.num() > 0 && base.den() > 0 ? (double) base.num() / base.den() : 0;
    }

    /** Whether {@code transfer} (an AVColorTransferCharacteristic) is high dynamic range. */
    static boolean isHdr(int transfer) {
        return transfer == AVCOL_TRC_SMPTE2084 || transfer == AVCOL_TRC_ARIB_STD_B67;
    }

    /**
     * The filter steps between the decoder and the sink for pictures like {@code picture}, e.g.
     * {@code transpose=clock,format=yuv420p}.
     */
    static String steps(int transfer, ToneMap toneMap, DisplayRotation rotation, String outputFormat) {
        List<String> steps = new ArrayList<>();
        if (isHdr(transfer)) {
            steps.add(toneMap.chain(transfer));
        }
        steps.add("format=" + outputFormat);
        if (!rotation.filters().isEmpty()) {
            steps.add(rotation.filters());
        }
        return String.join(",", steps);
    }

    /**
     * A graph for pictures like {@code first}.
     *
     * @param timeBase     the decoder's time base of the pictures' {@code pts}
     * @param outputFormat libavfilter's name of the pixel format handed out, e.g. {@code yuv420p}
     * @param threads      filter threads (0: one per core)
     */
    static PictureFilter create(AVFrame first, AVRational timeBase, DisplayRotation rotation, ToneMap toneMap,
                                String outputFormat, int threads) throws IOException {
        AVRational sar = first.sample_aspect_ratio();
        StringBuilder source = new StringBuilder(String.format(Locale.ROOT,
                "buffer=video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d",
                first.width(), first.height(), first.format(), Math.max(1, timeBase.num()), Math.max(1, timeBase.den()),
                Math.max(0, sar.num()), Math.max(1, sar.den())));
        if (first.colorspace() != AVCOL_SPC_UNSPECIFIED) {
            source.append(":colorspace=").append(first.colorspace());
        }
        if (first.color_range() != AVCOL_RANGE_UNSPECIFIED) {
            source.append(":range=").append(first.color_range());
        }
        String steps = steps(first.color_trc(), toneMap, rotation, outputFormat);
        String description = source + "," + steps + ",buffersink";
        AVFilterGraph graph = avfilter_graph_alloc();
        if (graph == null || graph.isNull()) {
            throw new IOException("out of memory setting up the picture filters");
        }
        try {
            graph.nb_threads(threads);
            int result = avfilter_graph_parse_ptr(graph, description, (AVFilterInOut) null, (AVFilterInOut) null,
                    (Pointer) null);
            if (result >= 0) {
                result = avfilter_graph_config(graph, null);
            }
            if (result < 0) {
                throw new IOException("FFmpeg cannot set up the picture filters '" + steps + "' ("
                        + FfmpegNatives.describe(result) + ")");
            }
            AVFilterContext src = null;
            AVFilterContext sink = null;
            for (int i = 0; i < graph.nb_filters(); i++) {
                AVFilterContext filter = graph.filters(i);
                String name = filter.filter().name().getString();
                if (name.equals("buffer")) {
                    src = filter;
                } else if (name.equals("buffersink")) {
                    sink = filter;
                }
            }
            if (src == null || sink == null) {
                throw new IOException("FFmpeg's picture filter graph has no source or sink");
            }
            return new PictureFilter(graph, src, sink, first, steps);
        } catch (IOException | RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        }
    }

    /** Whether pictures like {@code picture} go through this graph (same size and pixel format). */
    boolean matches(AVFrame picture) {
        return picture.format() == format && picture.width() == width && picture.height() == height;
    }

    /** Hands a decoded picture in (its buffers are referenced, the frame itself is left as it was). */
    void push(AVFrame picture) throws IOException {
        int result = av_buffersrc_add_frame_flags(source, picture,
                org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF);
        if (result < 0) {
            throw new IOException("FFmpeg's picture filters refused a picture (" + FfmpegNatives.describe(result) + ")");
        }
    }

    /** Tells the graph no more pictures come: it hands out what it still holds. */
    void flush() {
        av_buffersrc_add_frame_flags(source, null, 0);
    }

    /** The next filtered picture into {@code out} (unreferenced first by the caller); false when none is ready. */
    boolean pull(AVFrame out) throws IOException {
        int result = av_buffersink_get_frame(sink, out);
        if (result >= 0) {
            return true;
        }
        if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
            return false;
        }
        throw new IOException("FFmpeg's picture filters failed (" + FfmpegNatives.describe(result) + ")");
    }

    /** Seconds per tick of the {@code pts} of pulled pictures. */
    double timeBase() {
        return timeBase;
    }

    /** The filter steps, for logs. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        avfilter_graph_free(graph);
    }
}
