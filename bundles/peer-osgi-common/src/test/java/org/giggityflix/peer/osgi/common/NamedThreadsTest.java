package org.giggityflix.peer.osgi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code NamedThreadsTest} is responsible for proving threads are numbered after their owner and never hold a JVM. */
class NamedThreadsTest {

    @Test
    void numbersDaemonThreadsAfterTheirOwner() {
        NamedThreads threads = new NamedThreads("edge-link");
        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });
        assertEquals("edge-link-1", first.getName());
        assertEquals("edge-link-2", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }
}
