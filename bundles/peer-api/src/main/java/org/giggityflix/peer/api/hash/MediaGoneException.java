package org.giggityflix.peer.api.hash;

import java.io.IOException;
import java.nio.file.Path;

/** The cataloged file is no longer on disk (or is marked deleted). */
public class MediaGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    public MediaGoneException(long luid, Path path) {
        super("file " + luid + " is gone from disk: " + path);
    }
}
