package org.giggityflix.peer.scanner.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.osgi.common.Ranked;

/**
 * {@code ProbeRegistry} is responsible for the {@link MediaProbe}s installed right now: which one handles an
 * extension (highest service ranking wins) and which extensions probes ask the scanner to include.
 */
final class ProbeRegistry {

    private final List<Ranked<MediaProbe>> probes = new ArrayList<>();

    synchronized void add(MediaProbe probe, Map<String, ?> properties) {
        probes.add(Ranked.of(probe, properties));
        probes.sort(Ranked.bestFirst());
    }

    synchronized void remove(MediaProbe probe) {
        probes.removeIf(ranked -> ranked.service() == probe);
    }

    /** Whether any probe is installed (a rescan asks for every file whose row has no metadata). */
    synchronized boolean any() {
        return !probes.isEmpty();
    }

    /** The best probe for a lower-case extension with its dot. */
    synchronized Optional<MediaProbe> forExtension(String extension) {
        return probes.stream().map(Ranked::service).filter(probe -> handles(probe, extension)).findFirst();
    }

    /** Extensions of probes registered with {@code scanner.include=true}. */
    synchronized Set<String> includedExtensions() {
        Set<String> extensions = new HashSet<>();
        for (Ranked<MediaProbe> ranked : probes) {
            if (Boolean.parseBoolean(String.valueOf(ranked.properties().get(ScannerConstants.PROBE_INCLUDE_PROPERTY)))) {
                extensionsOf(ranked.service()).forEach(extension -> extensions.add(extension.toLowerCase()));
            }
        }
        return extensions;
    }

    private static boolean handles(MediaProbe probe, String extension) {
        return extensionsOf(probe).stream().anyMatch(extension::equalsIgnoreCase);
    }

    /** A probe that fails to answer is treated as handling nothing rather than breaking the scan. */
    private static Set<String> extensionsOf(MediaProbe probe) {
        try {
            Set<String> extensions = probe.extensions();
            return extensions == null ? Set.of() : extensions;
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
