package org.giggityflix.peer.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;

/**
 * {@code MovedCommands} is responsible for telling a user (or an old script) who types a command of the earlier
 * spelling, {@code peer:media list}, where it went, {@code peer:media-list}: the old forms run nothing, they fail
 * with that sentence so a script notices.
 */
final class MovedCommands {

    /** Each old command and the words it took, in the order its help named them; the first is its default. */
    static final Map<String, List<String>> ACTIONS = Map.of(
            "media", List.of("list", "show"),
            "stream", List.of("list", "stop"),
            "edge", List.of("status", "reconnect", "disconnect"),
            "token", List.of("list", "add", "revoke"));

    /** The old commands' options that took a value ({@code --read-only} did not). */
    private static final List<String> TAKES_VALUE =
            List.of("--status", "-s", "--search", "-q", "--offset", "-o", "--limit", "-n");

    private MovedCommands() {
    }

    /**
     * The failure for {@code peer:<old> <words>}: the new command of the action the first word names (or of the
     * old default when there is none), with the rest of the words, options first as Karaf reads them.
     */
    static CommandException moved(String old, List<String> words) {
        List<String> actions = ACTIONS.get(old);
        List<String> given = words == null ? List.of() : words;
        String action = given.isEmpty() ? actions.get(0) : given.get(0).toLowerCase(Locale.ROOT);
        if (!actions.contains(action)) {
            return Messages.failure("peer:" + old + " is now one command per action: "
                    + String.join(", ", actions.stream().map(a -> "peer:" + old + "-" + a).toList())
                    + " (help peer:" + old + "-" + actions.get(0) + " shows its options).");
        }
        List<String> rest = given.isEmpty() ? List.of() : given.subList(1, given.size());
        boolean options = rest.stream().anyMatch(w -> w.startsWith("-") && !w.matches("-\\d+"));
        StringBuilder now = new StringBuilder("peer:").append(old).append('-').append(action);
        if (!rest.isEmpty()) {
            now.append(' ').append(String.join(" ", reordered(rest)));
        }
        return Messages.failure("peer:" + old + " " + action + " is now " + now
                + (!options ? "" : " (options before the arguments, as every Karaf command reads them)")
                + "; help peer:" + old + "-" + action + " shows its options. Nothing was run.");
    }

    /**
     * {@code words} with options (and the value that follows an option taking one) before plain arguments: Karaf
     * stops reading options at the first argument.
     */
    private static List<String> reordered(List<String> words) {
        List<String> options = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-") && !w.matches("-\\d+")) {
                options.add(w);
                if (TAKES_VALUE.contains(w) && i + 1 < words.size()) {
                    options.add(words.get(++i));
                }
            } else {
                arguments.add(w);
            }
        }
        options.addAll(arguments);
        return options;
    }
}
