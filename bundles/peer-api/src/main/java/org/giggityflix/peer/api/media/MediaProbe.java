package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.nio.file.Path;

import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code MediaProbe} is responsible for reading a media file's metadata (duration, size, codecs...) and, since
 * catalog 1.8, every stream of it ({@link MediaMetadata#streams()}: kind, codec, displayed size after rotation,
 * rotation, bit depth, HDR transfer, channels, language, title, default/forced), each value as the file states it.
 * A probe that lists no streams still works: its files are shown without tracks. Several may be installed; service
 * ranking decides between those that handle a file.
 */
@ConsumerType
public interface MediaProbe {

    /** Lower-case extensions this probe handles, with the dot, e.g. {@code .mkv}. */
    java.util.Set<String> extensions();

    /** Reads the metadata; an unreadable or undecodable file throws with a reason a person understands. */
    MediaMetadata probe(Path file) throws IOException;
}
