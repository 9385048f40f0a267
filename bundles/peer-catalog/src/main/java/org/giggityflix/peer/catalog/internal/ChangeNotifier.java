package org.giggityflix.peer.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ChangeNotifier} is responsible for telling {@link CatalogListener}s about committed changes, one commit
 * after the other, on a thread of its own.
 *
 * <p>One thread keeps commit order without any sequencing of its own; it also keeps a slow listener from holding
 * the writer lock, which a scan's next batch is waiting for.
 */
final class ChangeNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "giggityflix-catalog-listeners");
        // Never what keeps a JVM alive: deactivation drains the queue, a kill loses only notifications.
        thread.setDaemon(true);
        return thread;
    });

    void add(CatalogListener listener) {
        listeners.add(listener);
    }

    void remove(CatalogListener listener) {
        listeners.remove(listener);
    }

    /** Queues one commit's changes; call it in commit order (the writer does, under its lock). */
    void publish(List<CatalogChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> deliver(changes));
        } catch (RejectedExecutionException e) {
            LOG.debug("catalog is closing; {} changes not told to listeners", changes.size());
        }
    }

    private void deliver(List<CatalogChange> changes) {
        for (CatalogListener listener : listeners) {
            try {
                listener.catalogChanged(changes);
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: a listener whose bundle is being uninstalled must not silence the others.
                LOG.warn("catalog listener {} failed on {} changes", listener, changes.size(), e);
            }
        }
    }

    /** Lets queued commits reach the listeners for up to {@code drain}, then stops the thread. */
    void close(Duration drain) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("catalog listeners did not finish within {}; stopping them", drain);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(CatalogConstants.LISTENER_DRAIN);
    }
}
