package org.giggityflix.peer.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.media.FrameSource;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code ProviderServices} is responsible for finding the plugin services (hash providers, probes, thumbnail
 * providers, frame sources, transports) in the service registry, for {@code peer:providers} and {@code peer:status}.
 */
final class ProviderServices {

    private static final List<Class<?>> TYPES =
            List.of(HashProvider.class, MediaProbe.class, ThumbnailProvider.class, FrameSource.class,
                    StreamingTransport.class);

    private final BundleContext context;

    ProviderServices(BundleContext context) {
        this.context = context;
    }

    /** How many services of each type are registered, in a fixed order. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TYPES.forEach(t -> counts.put(t.getSimpleName(), references(t.getName()).size()));
        return counts;
    }

    /** Every provider, grouped by type, best ranking first. */
    List<ProviderInfo> list() {
        List<ProviderInfo> all = new ArrayList<>();
        for (Class<?> type : TYPES) {
            references(type.getName()).stream()
                    .map(ref -> describe(type, ref))
                    .sorted(Comparator.comparingInt(ProviderInfo::ranking).reversed()
                            .thenComparing(ProviderInfo::name))
                    .forEach(all::add);
        }
        return all;
    }

    /** Algorithm names of the registered HashProviders, for when no FileHasher runs to ask. */
    Set<String> hashAlgorithms() {
        Set<String> names = new TreeSet<>();
        references(HashProvider.class.getName())
                .forEach(ref -> names.add(name(HashProvider.class, ref)));
        return names;
    }

    private List<ServiceReference<?>> references(String className) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(className, null);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        } catch (IllegalStateException e) {
            return List.of(); // this bundle is stopping: nothing to show
        }
    }

    private ProviderInfo describe(Class<?> type, ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        return new ProviderInfo(type.getSimpleName(), name(type, ref), ranking(ref),
                bundle == null ? "(unregistered)" : bundle.getSymbolicName(),
                bundle == null ? -1 : bundle.getBundleId(),
                bundle == null ? "" : bundle.getVersion().toString());
    }

    private String name(Class<?> type, ServiceReference<?> ref) {
        if (type == HashProvider.class) {
            return property(ref, HashProvider.ALGORITHM_PROPERTY)
                    .orElseGet(() -> fromService(ref, s -> ((HashProvider) s).algorithm()));
        }
        if (type == StreamingTransport.class) {
            return property(ref, StreamingTransport.NAME_PROPERTY)
                    .orElseGet(() -> fromService(ref, s -> ((StreamingTransport) s).name()));
        }
        return fromService(ref, s -> String.join(" ", new TreeSet<>(extensions(s))));
    }

    private static Set<String> extensions(Object service) {
        if (service instanceof MediaProbe probe) {
            return probe.extensions();
        }
        if (service instanceof FrameSource frames) {
            return frames.extensions();
        }
        return ((ThumbnailProvider) service).extensions();
    }

    private static Optional<String> property(ServiceReference<?> ref, String key) {
        return Optional.ofNullable(ref.getProperty(key)).map(Object::toString);
    }

    /** Asks the service itself, releasing it at once; a provider that fails to answer is shown, not fatal. */
    private String fromService(ServiceReference<?> ref, Function<Object, String> question) {
        Object service = null;
        try {
            service = context.getService(ref);
            return service == null ? "(gone)" : question.apply(service);
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        } finally {
            if (service != null) {
                context.ungetService(ref);
            }
        }
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }
}
