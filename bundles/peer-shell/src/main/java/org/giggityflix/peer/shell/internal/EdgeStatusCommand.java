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
 * {@code EdgeStatusCommand} is responsible for {@code peer:edge-status}: the link to the Edge as it is now.
 */
@Service
@Command(scope = "peer", name = "edge-status",
        description = "Shows the link to the Edge: state (connected, connecting, backing off, gave up, disconnected),"
                + " address, since when, the last error, attempts and what went over it.")
public class EdgeStatusCommand implements Action {

    @Reference(optional = true)
    EdgeLink edge;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        EdgeLinks.printStatus(EdgeLinks.required(edge), clock, out);
    }
}
