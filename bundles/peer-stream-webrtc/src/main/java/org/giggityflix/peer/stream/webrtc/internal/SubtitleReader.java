package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleTrack;

/**
 * {@code SubtitleReader} is responsible for what a session knows of a file's subtitles: its subtitle streams and the
 * cues of a text one, read through whichever codec bundle handles the file.
 */
interface SubtitleReader {

    /** No subtitle reader installed: no streams. */
    SubtitleReader NONE = new SubtitleReader() {
        @Override
        public List<SubtitleTrack> tracks(Path file) {
            return List.of();
        }

        @Override
        public List<SubtitleCue> cues(Path file, int streamIndex) throws IOException {
            throw new IOException("no subtitle reader is installed for " + file.getFileName()
                    + " (the FFmpeg codec bundle reads subtitles)");
        }
    };

    /** Every subtitle stream of {@code file}, in stream order; empty when no installed codec reads them. */
    List<SubtitleTrack> tracks(Path file) throws IOException;

    /** The cues of text subtitle stream {@code streamIndex}, in start order. */
    List<SubtitleCue> cues(Path file, int streamIndex) throws IOException;
}
