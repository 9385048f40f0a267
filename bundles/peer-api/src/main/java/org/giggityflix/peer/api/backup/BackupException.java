package org.giggityflix.peer.api.backup;

/**
 * {@code BackupException} is responsible for saying why a backup could not be written, in words an owner can act
 * on (the archive's path and the cause: disk full, folder not writable, ...).
 */
public class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
