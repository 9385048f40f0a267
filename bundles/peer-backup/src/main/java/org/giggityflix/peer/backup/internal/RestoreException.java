package org.giggityflix.peer.backup.internal;

/**
 * {@code RestoreException} is responsible for saying why an archive was refused or could not be put back, and
 * whether the peer's files are untouched (always, except for a failure while moving files into place).
 */
final class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean changedNothing;

    /** A refusal: nothing of the peer's files was changed. */
    RestoreException(String message) {
        this(message, null, true);
    }

    /** A refusal caused by {@code cause}: nothing of the peer's files was changed. */
    RestoreException(String message, Throwable cause) {
        this(message, cause, true);
    }

    RestoreException(String message, Throwable cause, boolean changedNothing) {
        super(message, cause);
        this.changedNothing = changedNothing;
    }

    boolean changedNothing() {
        return changedNothing;
    }
}
