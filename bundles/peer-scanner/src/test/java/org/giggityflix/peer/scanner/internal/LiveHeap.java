package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * {@code LiveHeap} is responsible for the memory tests' one way of weighing the heap: the total of the JVM's class
 * histogram after a full collection, and the assumption their per-file bounds rest on (compressed object pointers).
 */
final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private LiveHeap() {
    }

    /** Skips the calling test on a JVM without compressed object pointers, where its bytes-per-file bound is wrong. */
    static void assumeCompressedOops() {
        assumeTrue("true".equals(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue()), "the bound assumes compressed object pointers");
    }

    /** The live heap in bytes, after a full collection: the total of the JVM's class histogram. */
    static long bytes() throws JMException {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Matcher total = TOTAL.matcher(histogram);
        assertTrue(total.find(), "a class histogram with a Total line");
        return Long.parseLong(total.group(2));
    }
}
