package org.giggityflix.peer.api.media;

import java.io.IOException;

/** {@code ScreenshotException} is responsible for saying why screenshots could not be had, as a reason and a sentence. */
public class ScreenshotException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The count is outside {@link ScreenshotService#MIN_COUNT}..{@link ScreenshotService#MAX_COUNT}. */
        BAD_COUNT,
        /** The catalog holds no file with that id. */
        NO_SUCH_FILE,
        /** The file is marked deleted or is no longer on disk. */
        FILE_GONE,
        /** No installed {@link ThumbnailProvider} handles the file's extension. */
        NO_PROVIDER,
        /** The file's duration is unknown: not probed, no probe installed, or not a video. */
        NO_DURATION,
        /** The provider failed to decode the file, or the cache could not be written. */
        CAPTURE_FAILED
    }

    private final Reason reason;

    public ScreenshotException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ScreenshotException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
