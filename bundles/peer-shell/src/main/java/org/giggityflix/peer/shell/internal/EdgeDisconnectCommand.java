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
 * {@code EdgeDisconnectCommand} is responsible for {@code peer:edge-disconnect}: hanging up the link to the Edge
 * until the owner asks for it again.
 */
@Service
@Command(scope = "peer", name = "edge-disconnect",
        description = "Closes the link to the Edge (its viewers can no longer reach this peer's files); it stays"
                + " closed until peer:edge-reconnect, a configuration change or the next start.")
public class EdgeDisconnectCommand implements Action {

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
        link.disconnect();
        out.println("Closed the link; it stays closed until peer:edge-reconnect or a configuration change.");
        EdgeLinks.printStatus(link, clock, out);
    }
}
