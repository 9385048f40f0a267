package org.giggityflix.peer.shell.internal;

import java.util.Optional;

/**
 * {@code Luids} is responsible for reading a file id typed by a person.
 */
final class Luids {

    private Luids() {
    }

    static Optional<Long> parse(String text) {
        try {
            long id = Long.parseLong(text.trim());
            return id < 0 ? Optional.empty() : Optional.of(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
