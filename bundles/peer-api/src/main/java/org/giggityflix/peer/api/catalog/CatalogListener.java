package org.giggityflix.peer.api.catalog;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code CatalogListener} is responsible for reacting to catalog changes (whiteboard: publish it as a service).
 *
 * <p>Called after each committed transaction, on a catalog thread, in commit order. Keep it short:
 * hand long work to your own executor. An exception is logged and does not affect other listeners.
 */
@ConsumerType
public interface CatalogListener {

    void catalogChanged(List<CatalogChange> changes);
}
