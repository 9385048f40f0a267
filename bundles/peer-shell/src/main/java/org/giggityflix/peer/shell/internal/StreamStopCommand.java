package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code StreamStopCommand} is responsible for {@code peer:stream-stop <session>}: ending one streaming session,
 * whichever transport runs it.
 */
@Service
@Command(scope = "peer", name = "stream-stop",
        description = "Ends one streaming session now (the viewer's player stops), whichever transport runs it.")
public class StreamStopCommand implements Action {

    @Reference(optional = true)
    List<StreamingTransport> transports = List.of();

    @Argument(index = 0, name = "session", required = true,
            description = "The session id, as peer:stream-list prints it")
    @Completion(SessionCompleter.class)
    String session;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        List<StreamingTransport> installed = Transports.installed(transports);
        if (session == null || session.isBlank()) {
            throw Messages.failure("Which session? peer:stream-stop <session> (ids from peer:stream-list)");
        }
        for (StreamingTransport transport : installed) {
            if (transport.stop(session)) {
                out.println("Stopped session " + session + " (" + transport.name() + ").");
                return;
            }
        }
        throw Messages.failure("No session " + session + " runs now (peer:stream-list shows those that do).");
    }
}
