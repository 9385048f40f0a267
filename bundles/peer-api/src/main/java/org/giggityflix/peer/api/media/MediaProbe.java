package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.nio.file.Path;

import org.giggityflix.peer.api.catalog.MediaMetadata;

/**
 * {@code MediaProbe} is responsible for reading a media file's metadata (duration, size, codecs...).
 * Several may be installed; service ranking decides between those that handle a file.
 */
public interface MediaProbe {

    /** Lower-case extensions this probe handles, with the dot, e.g. {@code .mkv}. */
    java.util.Set<String> extensions();

    /** Reads the metadata; an unreadable or undecodable file throws with a reason a person understands. */
    MediaMetadata probe(Path file) throws IOException;
}
