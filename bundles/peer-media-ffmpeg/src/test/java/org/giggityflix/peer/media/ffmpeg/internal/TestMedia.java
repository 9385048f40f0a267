package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * {@code TestMedia} is responsible for generating the test videos with javacv's recorder, so that every expected
 * value (size, rate, length, codec, which frame is sharp) is known exactly.
 */
final class TestMedia {

    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int FPS = 25;
    static final int SAMPLE_RATE = 44_100;

    /** H.264 through libopenh264: the H.264 encoder of bytedeco's LGPL FFmpeg build (no libx264 there). */
    static final int H264 = AV_CODEC_ID_H264;
    /** FFmpeg's native MPEG-4 part 2 encoder, always present. */
    static final int MPEG4 = AV_CODEC_ID_MPEG4;

    private TestMedia() {
    }

    /** A video of {@code frames} frames drawn by {@code picture}, with a sine tone when {@code audio}. */
    static Path video(Path file, String format, int codec, int frames, boolean audio,
                      IntFunction<BufferedImage> picture) throws IOException {
        return video(file, format, codec, AV_PIX_FMT_YUV420P, WIDTH, HEIGHT, frames, audio, recorder -> { },
                picture);
    }

    /**
     * A video of any size and pixel format; {@code options} tunes the recorder before it starts (e.g. B-frames).
     */
    static Path video(Path file, String format, int codec, int pixelFormat, int width, int height, int frames,
                      boolean audio, Consumer<FFmpegFrameRecorder> options, IntFunction<BufferedImage> picture)
            throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, audio ? 1 : 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(format);
            recorder.setVideoCodec(codec);
            if (codec == H264) {
                recorder.setVideoCodecName("libopenh264");
                recorder.setVideoBitrate(2_000_000);
            } else {
                recorder.setVideoQuality(2); // qscale 2: near-lossless, keeps a checkerboard crisp
            }
            recorder.setPixelFormat(pixelFormat);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS); // a keyframe every second, as a real encoder would place a few
            if (audio) {
                recorder.setAudioCodec(AV_CODEC_ID_AAC);
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioBitrate(64_000);
            }
            options.accept(recorder);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(converter.convert(picture.apply(i)));
                if (audio) {
                    recorder.recordSamples(SAMPLE_RATE, 1, tone(i, SAMPLE_RATE / FPS));
                }
            }
            recorder.stop();
        }
        return file;
    }

    /** An audio-only file of {@code seconds} seconds of tone. */
    static Path audioOnly(Path file, String format, int seconds) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat(format);
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioBitrate(64_000);
            recorder.start();
            for (int i = 0; i < seconds * 10; i++) {
                recorder.recordSamples(SAMPLE_RATE, 1, tone(i, SAMPLE_RATE / 10));
            }
            recorder.stop();
        }
        return file;
    }

    private static ShortBuffer tone(int chunk, int samples) {
        short[] values = new short[samples];
        for (int s = 0; s < samples; s++) {
            double t = (double) (chunk * samples + s) / SAMPLE_RATE;
            values[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * t));
        }
        return ShortBuffer.wrap(values);
    }

    /** A soft picture of any size: smooth gradients that drift with {@code index}. */
    static BufferedImage soft(int width, int height, int index) {
        return draw(width, height, (x, y) -> 60 + (x * 120 / width) + (y * 40 / height) + index % 25);
    }

    /** A checkerboard of any size, {@code cell}-pixel squares. */
    static BufferedImage checkerboard(int width, int height, int cell) {
        return draw(width, height, (x, y) -> ((x / cell + y / cell) % 2 == 0) ? 30 : 225);
    }

    /** A soft picture: smooth gradients that drift with {@code index}; hardly any fine detail. */
    static BufferedImage soft(int index) {
        return draw((x, y) -> 60 + (x * 120 / WIDTH) + (y * 40 / HEIGHT) + index % 25);
    }

    /** A sharp picture: a checkerboard of {@code cell}-pixel squares; the smaller, the sharper it scores. */
    static BufferedImage checkerboard(int cell) {
        return draw((x, y) -> ((x / cell + y / cell) % 2 == 0) ? 30 : 225);
    }

    /** A near-black frame of fine noise: high Laplacian variance, yet nothing a viewer could see. */
    static BufferedImage darkNoise(int seed) {
        java.util.Random random = new java.util.Random(seed);
        return draw((x, y) -> random.nextInt(30));
    }

    private static BufferedImage draw(Luma luma) {
        return draw(WIDTH, HEIGHT, luma);
    }

    private static BufferedImage draw(int width, int height, Luma luma) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                byte value = (byte) Math.max(0, Math.min(255, luma.at(x, y)));
                int i = (y * width + x) * 3;
                bgr[i] = value;
                bgr[i + 1] = value;
                bgr[i + 2] = value;
            }
        }
        return image;
    }

    /** Frame time of frame {@code index}, seconds. */
    static double seconds(int index) {
        return (double) index / FPS;
    }

    @FunctionalInterface
    private interface Luma {
        int at(int x, int y);
    }
}
