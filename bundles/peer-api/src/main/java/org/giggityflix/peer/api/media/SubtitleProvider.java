package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code SubtitleProvider} is responsible for reading the subtitle streams of a media file as text: which subtitle
 * streams it has, and the timed cues of one text stream (SRT, ASS/SSA, mov_text, WebVTT …), markup stripped.
 * Implemented by codec bundles beside their {@link MediaProbe}; service ranking picks between providers handling
 * the same extension.
 */
@ConsumerType
public interface SubtitleProvider {

    /** Lower-case extensions this provider handles, with the dot, e.g. {@code .mkv}. */
    Set<String> extensions();

    /**
     * Every subtitle stream of {@code file}, in stream order; a stream this provider cannot read as text (an image
     * subtitle such as PGS, or an unknown codec) is listed with {@link SubtitleTrack#text()} false.
     */
    List<SubtitleTrack> tracks(Path file) throws IOException;

    /**
     * The cues of the text subtitle stream {@code streamIndex} (the container's stream index), in start-time order.
     * Entries that do not parse (bad timestamps, garbage) are skipped; a stream that is not a text subtitle stream
     * of the file, or a file that cannot be read, throws with a reason a person understands.
     */
    List<SubtitleCue> cues(Path file, int streamIndex) throws IOException;
}
