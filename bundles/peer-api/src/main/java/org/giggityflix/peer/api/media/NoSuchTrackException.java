package org.giggityflix.peer.api.media;

import java.io.IOException;

/**
 * {@code NoSuchTrackException} is responsible for refusing a {@link TrackChoice} that names no track of the file
 * (a stream index that is not an audio track, a language no track has), with the tracks there are in its message.
 */
public class NoSuchTrackException extends IOException {

    private static final long serialVersionUID = 1L;

    public NoSuchTrackException(String message) {
        super(message);
    }
}
