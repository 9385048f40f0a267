package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.FrameSource;
import org.giggityflix.peer.osgi.common.Extensions;
import org.giggityflix.peer.osgi.common.Ranked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FrameSources} is responsible for the installed {@link FrameSource}s (codec bundles come and go while the
 * peer runs) and for opening each file with the best-ranked one that handles its extension; with none installed for
 * it, the refusal names the extension ("no codec installed for .y4m"). It can have them all load their libraries
 * ahead of the first file.
 */
final class FrameSources implements FrameOpener {

    private static final Logger LOG = LoggerFactory.getLogger(FrameSources.class);

    private final List<Ranked<FrameSource>> sources = new ArrayList<>();

    synchronized void add(FrameSource source, Map<String, ?> properties) {
        sources.removeIf(r -> r.service() == source);
        sources.add(Ranked.of(source, properties));
        sources.sort(Ranked.bestFirst());
    }

    synchronized void remove(FrameSource source) {
        sources.removeIf(r -> r.service() == source);
    }

    @Override
    public FrameReader open(Path file, FrameOptions options) throws IOException {
        Optional<FrameSource> chosen = sourceFor(file);
        if (chosen.isEmpty()) {
            throw new IOException(noCodec(file));
        }
        return chosen.get().open(file, options);
    }

    /**
     * Has every installed source load what opening a file needs (FFmpeg's libraries), one after the other; one that
     * fails is logged and the others still prepare (its first file then pays for the loading, or says what is wrong).
     */
    void prepareAll() {
        List<FrameSource> installed;
        synchronized (this) {
            installed = sources.stream().map(Ranked::service).toList();
        }
        for (FrameSource source : installed) {
            try {
                source.prepare();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the codec {} could not load its libraries ahead of the first session: {}",
                        source.getClass().getName(), e.toString());
            }
        }
    }

    /** The best-ranked source handling {@code file}'s extension. */
    synchronized Optional<FrameSource> sourceFor(Path file) {
        String extension = Extensions.of(file.getFileName().toString());
        return sources.stream().map(Ranked::service)
                .filter(s -> Extensions.handledBy(s, FrameSource::extensions, extension)).findFirst();
    }

    /** The refusal of a file no installed codec handles, naming its extension. */
    static String noCodec(Path file) {
        String extension = Extensions.of(file.getFileName().toString());
        return "no codec installed for " + (extension.isEmpty() ? "files without an extension" : extension)
                + " (a codec bundle publishing a FrameSource for it streams it)";
    }
}
