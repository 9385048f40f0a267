package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.util.ArrayDeque;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameReader;

/**
 * {@code ReadAhead} is responsible for the frames a pump decodes while its viewer is still connecting: everything up
 * to and including the first picture (and the sound before it), so the first picture's decoding and the reader's
 * set-up for it (the decoder's first frame, the picture filters, an HDR conversion) are done during ICE and DTLS and
 * the first picture goes out as soon as the connection is up. The frames are handed out in order before the
 * reader's next ones; an error or the end of the file met while reading ahead comes when its turn comes, as if read
 * then. Whatever moves the reader (a seek, a track switch) makes the held frames stale: {@link #drop()}.
 */
final class ReadAhead {

    /** At most this many frames are held (sound ahead of a file's first picture; ~2.5 s of AAC). */
    static final int MAX_FRAMES = 128;

    private final ArrayDeque<DecodedFrame> frames = new ArrayDeque<>();
    private IOException error;
    private boolean end;
    private boolean filled;

    /** Whether {@link #fill} has nothing left to do until the next {@link #drop()}. */
    boolean filled() {
        return filled;
    }

    /**
     * Reads frames up to the first picture, the end of the file or {@link #MAX_FRAMES}. The picture's planes stay
     * valid because nothing else calls the reader until it is handed out.
     */
    void fill(FrameReader reader) {
        filled = true;
        try {
            while (frames.size() < MAX_FRAMES) {
                DecodedFrame frame = reader.next();
                if (frame == null) {
                    end = true;
                    return;
                }
                frames.add(frame);
                if (frame instanceof DecodedFrame.Picture) {
                    return;
                }
            }
        } catch (IOException e) {
            error = e;
        }
    }

    /** The next held frame, else the reader's next one (null at the end of the file). */
    DecodedFrame next(FrameReader reader) throws IOException {
        DecodedFrame held = frames.poll();
        if (held != null) {
            return held;
        }
        if (error != null) {
            IOException e = error;
            error = null;
            throw e;
        }
        if (end) {
            end = false;
            return null;
        }
        return reader.next();
    }

    /** Forgets what was read ahead (the reader moved); a later {@link #fill} reads again. */
    void drop() {
        frames.clear();
        error = null;
        end = false;
        filled = false;
    }
}
