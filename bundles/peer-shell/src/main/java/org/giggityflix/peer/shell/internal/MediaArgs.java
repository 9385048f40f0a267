package org.giggityflix.peer.shell.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code MediaArgs} is responsible for reading the words that follow {@code peer:media list|show}.
 *
 * <p>Karaf stops reading options at the first argument, so in {@code peer:media list --limit 5} the
 * {@code --limit 5} arrives as plain arguments; this class reads them the way the help text describes.
 *
 * @param id       the first word that is not an option (the file id for {@code show})
 * @param statuses {@code --status} values, each possibly a comma list
 * @param search   {@code --search} text
 * @param offset   {@code --offset}
 * @param limit    {@code --limit}
 */
record MediaArgs(Optional<String> id, List<String> statuses, Optional<String> search, OptionalInt offset,
                 OptionalInt limit) {

    /** Option names and their short aliases, in the order the completer offers them. */
    static final Map<String, String> OPTIONS = Map.of(
            "-s", "--status", "-q", "--search", "-o", "--offset", "-n", "--limit");
    static final List<String> OPTION_NAMES = List.of("--status", "--search", "--offset", "--limit");

    /**
     * @throws IllegalArgumentException with a message for the user: unknown option, missing value, not a number,
     *                                  or more than one id
     */
    static MediaArgs parse(List<String> words) {
        Builder b = new Builder();
        Iterator<String> it = words == null ? List.<String>of().iterator() : words.iterator();
        while (it.hasNext()) {
            b.accept(it.next(), it);
        }
        return new MediaArgs(b.id, List.copyOf(b.statuses), b.search, b.offset, b.limit);
    }

    /** The long option name for {@code word} ({@code -n} or {@code --limit}), or null when it is not an option. */
    static String optionName(String word) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        if (OPTION_NAMES.contains(name)) {
            return name;
        }
        return OPTIONS.get(name);
    }

    /** Collects values while the words are read; one per {@link #parse} call. */
    private static final class Builder {
        Optional<String> id = Optional.empty();
        final List<String> statuses = new ArrayList<>();
        Optional<String> search = Optional.empty();
        OptionalInt offset = OptionalInt.empty();
        OptionalInt limit = OptionalInt.empty();

        void accept(String word, Iterator<String> rest) {
            if (!word.startsWith("-") || word.equals("-") || isNumber(word)) {
                if (id.isPresent()) {
                    throw new IllegalArgumentException("unexpected '" + word + "': only one file id is allowed");
                }
                id = Optional.of(word);
                return;
            }
            String name = optionName(word);
            if (name == null) {
                throw new IllegalArgumentException("unknown option '" + word + "'; options: "
                        + String.join(", ", OPTION_NAMES));
            }
            String value = value(word, name, rest);
            switch (name) {
                case "--status" -> statuses.add(value);
                case "--search" -> search = Optional.of(value);
                case "--offset" -> offset = OptionalInt.of(number(name, value));
                default -> limit = OptionalInt.of(number(name, value));
            }
        }

        private static String value(String word, String name, Iterator<String> rest) {
            if (word.contains("=")) {
                return word.substring(word.indexOf('=') + 1);
            }
            if (!rest.hasNext()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return rest.next();
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a whole number, was '" + value + "'");
            }
        }

        private static boolean isNumber(String word) {
            return word.matches("-\\d+");
        }
    }
}
