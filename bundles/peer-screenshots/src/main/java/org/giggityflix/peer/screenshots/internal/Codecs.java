package org.giggityflix.peer.screenshots.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.giggityflix.peer.osgi.common.Extensions;
import org.giggityflix.peer.osgi.common.Ranked;

/**
 * {@code Codecs} is responsible for the installed services of one kind (thumbnail providers, probes) and for
 * choosing the one that handles an extension: the preferred one when the owner named it, else the highest ranking.
 */
final class Codecs<T> {

    private final Function<T, Set<String>> extensions;
    private final List<Ranked<T>> services = new ArrayList<>();

    /** @param extensions how to ask a service which extensions it handles (lower case, with the dot) */
    Codecs(Function<T, Set<String>> extensions) {
        this.extensions = extensions;
    }

    synchronized void add(Ranked<T> ranked) {
        services.removeIf(r -> r.service() == ranked.service());
        services.add(ranked);
        services.sort(Ranked.bestFirst());
    }

    synchronized void remove(T service) {
        services.removeIf(r -> r.service() == service);
    }

    /**
     * @param extension lower-case extension with its dot
     * @param preferred text of the preferred component's name, blank for none
     */
    synchronized Optional<T> forExtension(String extension, String preferred) {
        List<Ranked<T>> handling = services.stream()
                .filter(r -> Extensions.handledBy(r.service(), extensions, extension)).toList();
        String wanted = preferred == null ? "" : preferred.strip().toLowerCase(Locale.ROOT);
        if (!wanted.isEmpty()) {
            Optional<Ranked<T>> named = handling.stream()
                    .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                    .or(() -> handling.stream().filter(r -> r.name().toLowerCase(Locale.ROOT).contains(wanted))
                            .findFirst());
            if (named.isPresent()) {
                return Optional.of(named.get().service());
            }
        }
        return handling.stream().findFirst().map(Ranked::service);
    }

    /** Names of the installed services, best first (for messages). */
    synchronized List<String> names() {
        return services.stream().map(Ranked::name).toList();
    }
}
