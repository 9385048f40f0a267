package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code JvmMetrics} is responsible for the peer process's own memory and threads in {@code /metrics}: heap used,
 * committed and its ceiling, the resident set size the kernel counts ({@code VmRSS} of {@code /proc/self/status}:
 * heap plus everything native, FFmpeg and libwebrtc included) and the live threads.
 */
final class JvmMetrics {

    private JvmMetrics() {
    }

    /** Appends the gauges, in Prometheus' text format. */
    static void append(StringBuilder m, Path procStatus) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(m, "giggityflix_jvm_heap_used_bytes", "Heap in use, garbage not yet collected included.", heap.getUsed());
        gauge(m, "giggityflix_jvm_heap_committed_bytes", "Heap the JVM holds from the system.", heap.getCommitted());
        gauge(m, "giggityflix_jvm_heap_max_bytes", "The heap's ceiling (-Xmx, JAVA_MAX_MEM).", heap.getMax());
        long rss = rss(procStatus);
        if (rss >= 0) {
            gauge(m, "giggityflix_process_resident_memory_bytes",
                    "Resident set size of the peer's process (VmRSS): heap and native memory.", rss);
        }
        gauge(m, "giggityflix_jvm_threads", "Live threads of the peer's JVM.",
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file in bytes, or -1 where there is none. */
    static long rss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no gauge.
        }
        return -1;
    }

    private static void gauge(StringBuilder m, String name, String help, long value) {
        m.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
