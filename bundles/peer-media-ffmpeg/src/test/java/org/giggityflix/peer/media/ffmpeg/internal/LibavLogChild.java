package org.giggityflix.peer.media.ffmpeg.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.giggityflix.peer.media.common.CaptureSettings;

/**
 * {@code LibavLogChild} is responsible for being the separate JVM of {@code LibavConsoleTest}: FFmpeg writes its
 * default log to file descriptor 2 from native code, past {@code System.err}, so only another process's stderr shows
 * what a console would. It probes and captures each file named, and prints the peer's own message for each failure.
 *
 * <p>Arguments: {@code routed} (a {@link LibavLog} activated as DS would) or {@code default} (FFmpeg's own
 * callback), then the files. slf4j-simple writes to stdout (set by the parent), so stderr holds only raw lines.
 */
public final class LibavLogChild {

    private LibavLogChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean routed = args[0].equals("routed");
        LibavLog libavLog = new LibavLog();
        if (routed) {
            libavLog.activate();
        }
        FfmpegMediaProbe probe = new FfmpegMediaProbe(libavLog);
        FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS, 2);
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            try {
                probe.probe(file);
                System.out.println("PEER probed " + file);
            } catch (IOException e) {
                System.out.println("PEER probe failed: " + e.getMessage());
            }
            try {
                provider.capture(file, List.of(0.5, 1.5, 2.5));
                System.out.println("PEER captured " + file);
            } catch (IOException e) {
                System.out.println("PEER capture failed: " + e.getMessage());
            }
        }
        provider.deactivate();
        if (routed) {
            libavLog.deactivate();
        }
        System.out.println("PEER done");
    }
}
