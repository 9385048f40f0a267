package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;

/**
 * {@code FrameOpener} is responsible for opening a file as decoded frames through whichever codec handles it, or
 * saying why it cannot (no codec installed for its extension, unreadable, no such audio track).
 */
@FunctionalInterface
interface FrameOpener {

    FrameReader open(Path file, FrameOptions options) throws IOException;
}
