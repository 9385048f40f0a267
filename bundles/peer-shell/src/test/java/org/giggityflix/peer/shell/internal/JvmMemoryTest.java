package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code JvmMemoryTest} is responsible for proving {@code peer:status}'s memory line: RSS read from the kernel's
 * {@code VmRSS}, "unknown" where there is none, and this JVM's own figures plausible (heap within its ceiling,
 * threads counted).
 */
class JvmMemoryTest {

    @TempDir
    Path dir;

    @Test
    void rssIsTheKernelsVmRss() throws Exception {
        Path status = Files.writeString(dir.resolve("status"),
                "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  500000 kB\nVmRSS:\t  358604 kB\nThreads:\t85\n");

        assertEquals(OptionalLong.of(358_604L * 1024), JvmMemory.rss(status));
        assertEquals(OptionalLong.empty(), JvmMemory.rss(dir.resolve("missing")));
    }

    @Test
    void theLineSaysHeapRssAndThreads() {
        JvmMemory memory = new JvmMemory(120L << 20, 300L << 20, 768L << 20, OptionalLong.of(350L << 20), 85);

        assertEquals("heap 120.0 MiB used / 300.0 MiB committed (max 768.0 MiB); RSS 350.0 MiB; 85 threads",
                memory.line());
        assertTrue(new JvmMemory(1, 2, 3, OptionalLong.empty(), 1).line().contains("RSS unknown"));
    }

    @Test
    void thisJvmsFiguresArePlausible() {
        JvmMemory now = JvmMemory.now();

        assertTrue(now.heapUsed() > 0 && now.heapUsed() <= now.heapCommitted(), now.line());
        assertTrue(now.heapMax() < 0 || now.heapCommitted() <= now.heapMax(), now.line());
        assertTrue(now.threads() > 0, now.line());
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(now.rss().orElse(0) > now.heapUsed() / 4, now.line());
        }
    }
}
