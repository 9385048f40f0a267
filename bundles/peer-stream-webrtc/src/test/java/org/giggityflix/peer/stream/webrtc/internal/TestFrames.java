package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Map;

import org.giggityflix.peer.media.ffmpeg.internal.FfmpegFrameSource;
import org.giggityflix.peer.media.ffmpeg.internal.LibavLog;
import org.giggityflix.peer.media.y4m.internal.Y4mFrameSource;

/**
 * {@code TestFrames} is responsible for giving the plain-JVM tests the frame sources a peer has installed: the FFmpeg
 * codec bundle's, and with {@code y4m} the pure-Java .y4m one.
 */
final class TestFrames {

    private TestFrames() {
    }

    static FrameSources ffmpeg() {
        FrameSources sources = new FrameSources();
        sources.add(new FfmpegFrameSource(new LibavLog()), Map.of());
        return sources;
    }

    static FrameSources ffmpegAndY4m() {
        FrameSources sources = ffmpeg();
        sources.add(new Y4mFrameSource(), Map.of());
        return sources;
    }
}
