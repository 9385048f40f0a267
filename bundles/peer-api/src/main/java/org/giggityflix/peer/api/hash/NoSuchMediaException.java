package org.giggityflix.peer.api.hash;

/** The catalog holds no file with the given local id. */
public class NoSuchMediaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NoSuchMediaException(long luid) {
        super("no cataloged file with id " + luid);
    }
}
