package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.edge.EdgeLink;

/**
 * {@code EdgeCommand} is responsible for {@code peer:edge}: showing the link to the Edge and steering it by hand
 * (dial again now, e.g. after it gave up, or hang up until told otherwise).
 */
@Service
@Command(scope = "peer", name = "edge",
        description = "Shows the link to the Edge (status, the default), dials it again now (reconnect: also after "
                + "the peer gave up) or closes it until the next reconnect or configuration change (disconnect).")
public class EdgeCommand implements Action {

    static final String NO_EDGE =
            "The Edge link is not installed (no EdgeLink service): feature:install peer-edge.";

    @Reference(optional = true)
    EdgeLink edge;

    @Argument(index = 0, name = "action", description = "status, reconnect or disconnect", required = false)
    @Completion(value = StringsCompleter.class, values = {"status", "reconnect", "disconnect"})
    String action = "status";

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (edge == null) {
            throw Messages.failure(NO_EDGE);
        }
        switch (action) {
            case "status" -> { }
            case "reconnect" -> {
                edge.reconnect();
                out.println("Dialling the Edge again now.");
            }
            case "disconnect" -> {
                edge.disconnect();
                out.println("Closed the link; it stays closed until peer:edge reconnect or a configuration change.");
            }
            default -> throw Messages.failure("Unknown action '" + action + "': use one of "
                    + List.of("status", "reconnect", "disconnect"));
        }
        out.println("Edge: " + Formats.edge(edge.status(), clock));
    }
}
