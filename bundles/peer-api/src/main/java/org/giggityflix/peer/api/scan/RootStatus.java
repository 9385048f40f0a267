package org.giggityflix.peer.api.scan;

import java.nio.file.Path;

/**
 * How a configured media dir looks to the scanner.
 *
 * @param root    the media dir as configured
 * @param state   whether it can be scanned
 * @param message what is wrong, empty when {@link State#OK}
 */
public record RootStatus(Path root, State state, String message) {

    public enum State { OK, MISSING, UNREADABLE }
}
