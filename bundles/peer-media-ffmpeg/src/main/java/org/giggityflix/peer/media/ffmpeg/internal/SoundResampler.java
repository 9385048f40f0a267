package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * {@code SoundResampler} is responsible for turning decoded sound of any format, rate and channel layout into
 * signed 16-bit interleaved PCM at 48 kHz in one or two channels, with FFmpeg's swresample (downmixing included).
 * One per input format: {@link #matches} says when a new one is needed.
 */
final class SoundResampler implements AutoCloseable {

    private final SwrContext context;
    private final int channels;
    private final int inFormat;
    private final int inRate;
    private final int inChannels;
    private final PointerPointer<BytePointer> out = new PointerPointer<>(1);
    private BytePointer buffer;
    private int capacitySamples;

    private SoundResampler(SwrContext context, int channels, AVFrame first) {
        this.context = context;
        this.channels = channels;
        this.inFormat = first.format();
        this.inRate = first.sample_rate();
        this.inChannels = first.ch_layout().nb_channels();
    }

    static SoundResampler create(AVFrame first, int channels, int rate) throws IOException {
        AVChannelLayout outLayout = new AVChannelLayout();
        av_channel_layout_default(outLayout, channels);
        AVChannelLayout inLayout = first.ch_layout();
        AVChannelLayout fallback = null;
        if (inLayout.nb_channels() <= 0) {
            throw new IOException("the audio track states no channels");
        }
        if (inLayout.order() == 0 /* AV_CHANNEL_ORDER_UNSPEC */) {
            fallback = new AVChannelLayout();
            av_channel_layout_default(fallback, inLayout.nb_channels());
            inLayout = fallback;
        }
        // An empty context object: FFmpeg allocates the context and javacpp writes its address back into it.
        SwrContext made = new SwrContext();
        try {
            int result = swr_alloc_set_opts2(made, outLayout, AV_SAMPLE_FMT_S16, rate, inLayout, first.format(),
                    first.sample_rate(), 0, (Pointer) null);
            if (result < 0 || made.isNull()) {
                throw new IOException("FFmpeg cannot convert this sound (" + FfmpegNatives.describe(result) + ")");
            }
            result = swr_init(made);
            if (result < 0) {
                swr_free(made);
                throw new IOException("FFmpeg cannot convert this sound (" + FfmpegNatives.describe(result) + ")");
            }
            return new SoundResampler(made, channels, first);
        } finally {
            av_channel_layout_uninit(outLayout);
            if (fallback != null) {
                av_channel_layout_uninit(fallback);
            }
        }
    }

    boolean matches(AVFrame frame) {
        return frame.format() == inFormat && frame.sample_rate() == inRate
                && frame.ch_layout().nb_channels() == inChannels;
    }

    /** The converted sound of {@code frame} (plus what the resampler held back), s16le interleaved. */
    byte[] convert(AVFrame frame) throws IOException {
        int wanted = swr_get_out_samples(context, frame.nb_samples());
        if (wanted <= 0) {
            return new byte[0];
        }
        if (wanted > capacitySamples) {
            if (buffer != null) {
                buffer.close();
            }
            capacitySamples = wanted;
            buffer = new BytePointer((long) wanted * channels * 2);
        }
        out.put(0, buffer);
        int converted = swr_convert(context, out, capacitySamples, frame.extended_data(), frame.nb_samples());
        if (converted < 0) {
            throw new IOException("FFmpeg failed converting the sound (" + FfmpegNatives.describe(converted) + ")");
        }
        byte[] pcm = new byte[converted * channels * 2];
        buffer.position(0).get(pcm);
        return pcm;
    }

    @Override
    public void close() {
        swr_free(context);
        if (buffer != null) {
            buffer.close();
        }
        out.close();
    }
}
