package org.giggityflix.peer.stream.webrtc.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * {@code TestMedia} is responsible for generating the test videos (MPEG-4 part 2 + AAC in MP4) with javacv's
 * recorder: a moving bar over a gradient, so the encoder has real work and every size is known exactly.
 */
final class TestMedia {

    static final int FPS = 30;
    static final int SAMPLE_RATE = 48_000;

    private TestMedia() {
    }

    static Path video(Path file, int width, int height, int seconds, boolean audio) throws IOException {
        return video(file, width, height, seconds, audio, false);
    }

    /** With {@code h264}, H.264 through libopenh264 (what real files mostly are; costlier to decode). */
    static Path video(Path file, int width, int height, int seconds, boolean audio, boolean h264) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, audio ? 1 : 0)) {
            recorder.setFormat("mp4");
            if (h264) {
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setVideoCodecName("libopenh264");
                recorder.setVideoBitrate(4_000_000);
            } else {
                recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
                recorder.setVideoBitrate(width * height * 4);
            }
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            if (audio) {
                recorder.setAudioCodec(AV_CODEC_ID_AAC);
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioBitrate(64_000);
            }
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            for (int i = 0; i < seconds * FPS; i++) {
                int bar = (i * 8) % width;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int at = y * stride + x * 3;
                        boolean onBar = Math.abs(x - bar) < 12;
                        pixels.put(at, (byte) (onBar ? 255 : x * 255 / width));
                        pixels.put(at + 1, (byte) (onBar ? 255 : y * 255 / height));
                        pixels.put(at + 2, (byte) (onBar ? 255 : (i * 4) & 0xff));
                    }
                }
                recorder.record(frame);
                if (audio) {
                    recorder.recordSamples(SAMPLE_RATE, 1, tone(i, SAMPLE_RATE / FPS));
                }
            }
            recorder.stop();
        }
        return file;
    }

    private static ShortBuffer tone(int chunk, int samples) {
        short[] values = new short[samples];
        for (int s = 0; s < samples; s++) {
            double t = (double) (chunk * samples + s) / SAMPLE_RATE;
            values[s] = (short) (6000 * Math.sin(2 * Math.PI * 440 * t));
        }
        return ShortBuffer.wrap(values);
    }
}
