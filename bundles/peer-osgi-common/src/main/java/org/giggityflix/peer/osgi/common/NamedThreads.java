package org.giggityflix.peer.osgi.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code NamedThreads} is responsible for naming a component's threads ({@code edge-link-1}, {@code peer-scanner-hash-2})
 * so that a thread dump points at their owner, and for making them daemons so that a forgotten one cannot keep a JVM
 * alive.
 */
public final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** @param prefix the threads are named {@code prefix-1}, {@code prefix-2} ... */
    public NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
