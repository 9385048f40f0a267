package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.giggityflix.peer.api.media.SubtitleProvider;
import org.giggityflix.peer.api.media.SubtitleTrack;

/**
 * {@code Subtitles} is responsible for the player's subtitles: the text subtitle streams a file offers (from the
 * {@link SubtitleProvider} that handles it) and one stream rendered as WebVTT, the last few kept in memory (keyed by
 * file, size, modification time and stream) so that a replay or a seek does not demux the file again.
 */
final class Subtitles {

    /** WebVTT files kept; a film's subtitles are tens of KB. */
    private static final int CACHED = 16;

    /** A WebVTT body, or the status and sentence that replace it. */
    record Vtt(int status, String body) {
    }

    private final Function<Path, Optional<SubtitleProvider>> providers;
    private final Map<String, String> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    };

    /** @param providers the provider that handles a file (by extension and ranking), if any is installed */
    Subtitles(Function<Path, Optional<SubtitleProvider>> providers) {
        this.providers = providers;
    }

    /** Every subtitle stream of {@code file}; empty when no provider handles it. */
    List<SubtitleTrack> tracks(Path file) throws IOException {
        Optional<SubtitleProvider> provider = providers.apply(file);
        return provider.isEmpty() ? List.of() : provider.get().tracks(file);
    }

    /** Stream {@code stream} of {@code file} as WebVTT (200), or why not (404, 410, 503). */
    Vtt vtt(Path file, int stream) {
        Optional<SubtitleProvider> provider = providers.apply(file);
        if (provider.isEmpty()) {
            return new Vtt(503, "No subtitle reader handles this file (is the FFmpeg codec bundle installed?).");
        }
        String key;
        try {
            key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis()
                    + "|" + stream;
        } catch (IOException e) {
            return new Vtt(410, "The file is gone from disk.");
        }
        synchronized (cache) {
            String cached = cache.get(key);
            if (cached != null) {
                return new Vtt(200, cached);
            }
        }
        try {
            String body = WebVtt.render(provider.get().cues(file, stream));
            synchronized (cache) {
                cache.put(key, body);
            }
            return new Vtt(200, body);
        } catch (NoSuchFileException e) {
            return new Vtt(410, "The file is gone from disk.");
        } catch (IOException | RuntimeException e) {
            return new Vtt(404, "No text subtitles there: " + e.getMessage());
        }
    }
}
