package org.giggityflix.peer.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code SessionCompleter} is responsible for completing the ids of the streaming sessions running now.
 */
@Service
public class SessionCompleter implements Completer {

    @Reference(optional = true)
    List<StreamingTransport> transports = List.of();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }

    List<String> values() {
        List<String> ids = new ArrayList<>();
        try {
            for (StreamingTransport transport : transports == null ? List.<StreamingTransport>of()
                    : new ArrayList<>(transports)) {
                transport.sessions().stream().map(StreamSession::id).forEach(ids::add);
            }
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the console
        }
        return ids;
    }
}
