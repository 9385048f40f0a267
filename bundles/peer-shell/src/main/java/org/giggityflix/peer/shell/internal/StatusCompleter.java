package org.giggityflix.peer.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code StatusCompleter} is responsible for completing and reading media status names ({@code pending},
 * {@code ready}...), taken from {@link MediaStatus} so the two never drift apart.
 */
@Service
public class StatusCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(names()).complete(session, commandLine, candidates);
    }

    static List<String> names() {
        return Arrays.stream(MediaStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }

    static Optional<MediaStatus> parse(String name) {
        return Arrays.stream(MediaStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(name.trim()))
                .findFirst();
    }

    /** Values of a repeatable option, each possibly a comma list; blanks dropped. */
    static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}
