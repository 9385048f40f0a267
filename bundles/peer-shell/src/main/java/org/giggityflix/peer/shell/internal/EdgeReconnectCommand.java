package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.edge.EdgeLink;

/**
 * {@code EdgeReconnectCommand} is responsible for {@code peer:edge-reconnect}: dialling the Edge again now, also
 * after the link gave up or was closed by hand.
 */
@Service
@Command(scope = "peer", name = "edge-reconnect",
        description = "Dials the Edge again now: after the peer gave up (too many failed attempts), after"
                + " peer:edge-disconnect, or to skip the wait between attempts. Prints the link's state after.")
public class EdgeReconnectCommand implements Action {

    @Reference(optional = true)
    EdgeLink edge;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        EdgeLink link = EdgeLinks.required(edge);
        link.reconnect();
        out.println("Dialling the Edge again now.");
        EdgeLinks.printStatus(link, clock, out);
    }
}
