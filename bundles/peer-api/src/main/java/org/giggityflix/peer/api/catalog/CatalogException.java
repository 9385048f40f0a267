package org.giggityflix.peer.api.catalog;

/**
 * The catalog could not do what was asked (database unreadable, disk full, read-only DATA_DIR...).
 * Nothing was changed by the failed call: writes are all-or-nothing.
 */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(String message) {
        super(message);
    }
}
