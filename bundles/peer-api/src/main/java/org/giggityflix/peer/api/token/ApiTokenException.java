package org.giggityflix.peer.api.token;

/**
 * {@code ApiTokenException} is responsible for saying why a token could not be created or revoked, in words the owner
 * can act on (a bad or taken name, an unknown name, the token file not writable).
 */
public class ApiTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiTokenException(String message) {
        super(message);
    }

    public ApiTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
