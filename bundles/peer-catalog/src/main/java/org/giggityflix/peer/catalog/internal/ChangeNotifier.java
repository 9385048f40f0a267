package org.giggityflix.peer.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "giggityflix-catalog-listeners");
        // Never what keeps a JVM alive: deactivation drains the queue, a kill loses only notifications.
        thread.setDaemon(true);
        return thread;
    });

    void add(CatalogListener listener) {
        listeners.add(new Listener(listener, () -> listener, unused -> { }));
    }

    void remove(CatalogListener listener) {
        removeKey(listener);
    }

    /**
     * Adds a listener that is only looked up when the first change reaches it: a listener that itself needs the
     * catalog (the Edge link does) cannot be created while the catalog is still activating.
     */
    void addLazy(Object key, Supplier<CatalogListener> lookup, Consumer<CatalogListener> release) {
        listeners.add(new Listener(key, lookup, release));
    }

    void removeKey(Object key) {
        listeners.removeIf(l -> {
            if (l.key != key) {
                return false;
            }
            l.release();
            return true;
        });
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
        for (Listener entry : listeners) {
            CatalogListener listener = null;
            try {
                listener = entry.get();
                listener.catalogChanged(changes);
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: a listener whose bundle is being uninstalled must not silence the others.
                LOG.warn("catalog listener {} failed on {} changes", listener == null ? entry.key : listener,
                        changes.size(), e);
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

    /** One listener: looked up on first use, released when it leaves. */
    private static final class Listener {
        final Object key;
        private final Supplier<CatalogListener> lookup;
        private final Consumer<CatalogListener> release;
        private CatalogListener resolved;

        Listener(Object key, Supplier<CatalogListener> lookup, Consumer<CatalogListener> release) {
            this.key = key;
            this.lookup = lookup;
            this.release = release;
        }

        synchronized CatalogListener get() {
            if (resolved == null) {
                resolved = lookup.get();
                if (resolved == null) {
                    throw new IllegalStateException("listener service " + key + " is no longer available");
                }
            }
            return resolved;
        }

        synchronized void release() {
            if (resolved != null) {
                release.accept(resolved);
                resolved = null;
            }
        }
    }
}
