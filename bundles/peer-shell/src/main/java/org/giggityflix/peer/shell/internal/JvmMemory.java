package org.giggityflix.peer.shell.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code JvmMemory} is responsible for what the peer's own process uses, as {@code peer:status} shows it: heap used,
 * committed and its ceiling, the resident set size the kernel counts ({@code VmRSS} of {@code /proc/self/status},
 * heap plus everything native: FFmpeg, libwebrtc, thread stacks, code) and the number of threads.
 *
 * @param heapUsed      bytes of heap in use (including garbage not yet collected)
 * @param heapCommitted bytes of heap the JVM holds from the system
 * @param heapMax       the heap's ceiling ({@code -Xmx})
 * @param rss           resident set size, when the system tells it
 * @param threads       live threads
 */
record JvmMemory(long heapUsed, long heapCommitted, long heapMax, OptionalLong rss, int threads) {

    /** This JVM, now. */
    static JvmMemory now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new JvmMemory(heap.getUsed(), heap.getCommitted(), heap.getMax(), rss(Path.of("/proc/self/status")),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file, in bytes; empty where there is none (not Linux). */
    static OptionalLong rss(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: the line says "unknown".
        }
        return OptionalLong.empty();
    }

    /** {@code heap 120.0 MiB used / 300.0 MiB committed (max 768.0 MiB); RSS 350.2 MiB; 85 threads}. */
    String line() {
        return "heap " + Formats.bytes(heapUsed) + " used / " + Formats.bytes(heapCommitted) + " committed (max "
                + (heapMax < 0 ? "unbounded" : Formats.bytes(heapMax)) + "); RSS "
                + (rss.isPresent() ? Formats.bytes(rss.getAsLong()) : "unknown") + "; " + threads + " threads";
    }
}
