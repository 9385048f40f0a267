package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleProvider;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.giggityflix.peer.osgi.common.Extensions;
import org.giggityflix.peer.osgi.common.Ranked;

/**
 * {@code SubtitleSources} is responsible for the installed {@link SubtitleProvider}s (codec bundles come and go while
 * the peer runs) and for reading a file's subtitles with the best-ranked one that handles its extension.
 */
final class SubtitleSources implements SubtitleReader {

    private final List<Ranked<SubtitleProvider>> providers = new ArrayList<>();

    synchronized void add(SubtitleProvider provider, Map<String, ?> properties) {
        providers.removeIf(r -> r.service() == provider);
        providers.add(Ranked.of(provider, properties));
        providers.sort(Ranked.bestFirst());
    }

    synchronized void remove(SubtitleProvider provider) {
        providers.removeIf(r -> r.service() == provider);
    }

    @Override
    public List<SubtitleTrack> tracks(Path file) throws IOException {
        Optional<SubtitleProvider> provider = providerFor(file);
        return provider.isEmpty() ? List.of() : provider.get().tracks(file);
    }

    @Override
    public List<SubtitleCue> cues(Path file, int streamIndex) throws IOException {
        Optional<SubtitleProvider> provider = providerFor(file);
        if (provider.isEmpty()) {
            return NONE.cues(file, streamIndex);
        }
        return provider.get().cues(file, streamIndex);
    }

    private synchronized Optional<SubtitleProvider> providerFor(Path file) {
        String extension = Extensions.of(file.getFileName().toString());
        return providers.stream().map(Ranked::service)
                .filter(p -> Extensions.handledBy(p, SubtitleProvider::extensions, extension)).findFirst();
    }
}
