package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code FrameSource} is responsible for opening media files of the extensions it handles as {@link FrameReader}s
 * of decoded, upright, SDR pictures and PCM sound. Codec bundles publish it beside their {@link MediaProbe} and
 * {@link ThumbnailProvider}; streaming transports read every file through it (service ranking picks between
 * sources handling the same extension), so a codec bundle installed while the peer runs extends streaming too.
 */
@ConsumerType
public interface FrameSource {

    /** Lower-case extensions this source handles, with the dot, e.g. {@code .mkv}. */
    Set<String> extensions();

    /**
     * Opens {@code file}; the caller closes the reader.
     *
     * @throws NoSuchTrackException when {@code options} names an audio track the file does not have
     * @throws IOException          when the file is gone, unreadable, has no video, or cannot be decoded: the
     *                              message says why in words for people
     */
    FrameReader open(Path file, FrameOptions options) throws IOException;

    /**
     * Loads now what opening a file will need (native libraries, codec tables), so that the first {@link #open}
     * after a start does not wait for it. Called in the background when a viewer may come soon (a streaming
     * transport calls it when the Edge link comes up); cheap when already done. The default loads nothing, for a
     * source that has nothing to load.
     *
     * @since 1.5
     */
    default void prepare() {
    }
}
