package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;

import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.edge.EdgeLink;

/**
 * {@code EdgeLinks} is responsible for what the {@code peer:edge-*} commands share: the failure when the Edge link
 * is not installed, and the line that shows the link's state.
 */
final class EdgeLinks {

    static final String NO_EDGE =
            "The Edge link is not installed (no EdgeLink service): feature:install peer-edge.";

    private EdgeLinks() {
    }

    /** {@code edge}, or the failure that says how to install it. */
    static EdgeLink required(EdgeLink edge) throws CommandException {
        if (edge == null) {
            throw Messages.failure(NO_EDGE);
        }
        return edge;
    }

    static void printStatus(EdgeLink edge, Clock clock, PrintStream out) {
        out.println("Edge: " + Formats.edge(edge.status(), clock));
    }
}
