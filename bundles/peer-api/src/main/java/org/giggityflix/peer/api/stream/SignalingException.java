package org.giggityflix.peer.api.stream;

/**
 * {@code SignalingException} is responsible for saying why a WebRTC transport refused a signaling step, with a
 * {@link Reason} a signaling channel can map to its own error codes and a message for people.
 */
public class SignalingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a step was refused. */
    public enum Reason {
        /** No cataloged file has that id. */
        NO_SUCH_MEDIA,
        /** The file is cataloged but no longer on disk. */
        FILE_GONE,
        /** The transport already runs as many sessions as it may. */
        LIMIT_REACHED,
        /** No session with that id runs (never did, ended, timed out). */
        NO_SUCH_SESSION,
        /** The message itself is wrong: malformed SDP or candidate, a second answer, a duplicate session id. */
        INVALID,
        /** The transport failed to do something it should have been able to do. */
        FAILED
    }

    private final Reason reason;

    public SignalingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignalingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
