package org.giggityflix.peer.api.media;

import java.util.Objects;
import java.util.Optional;

/**
 * One subtitle stream of a media file.
 *
 * @param index    the container's stream index
 * @param codec    FFmpeg's codec name, e.g. {@code subrip}, {@code ass}, {@code mov_text}, {@code hdmv_pgs_subtitle}
 * @param language ISO 639 language tag as the file states it, e.g. {@code eng}
 * @param title    the stream's title, e.g. {@code Forced} or {@code SDH}
 * @param isDefault the stream is flagged default
 * @param forced   the stream is flagged forced (only the lines in a foreign language)
 * @param text     the provider can read its cues as text ({@link SubtitleProvider#cues}); false for image subtitles
 *                 and codecs it does not know
 */
public record SubtitleTrack(int index, String codec, Optional<String> language, Optional<String> title,
                            boolean isDefault, boolean forced, boolean text) {

    public SubtitleTrack {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
    }
}
