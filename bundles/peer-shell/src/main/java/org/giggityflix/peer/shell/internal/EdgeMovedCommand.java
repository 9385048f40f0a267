package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code EdgeMovedCommand} is responsible for the earlier spelling {@code peer:edge <action>}: it runs nothing and
 * fails naming the {@code peer:edge-<action>} command that replaced it (see {@link MovedCommands}).
 */
@Service
@Command(scope = "peer", name = "edge", description = "Replaced by one command per action ("
        + "peer:edge-status, peer:edge-reconnect, peer:edge-disconnect"
        + "): prints which one to use and runs nothing.")
public class EdgeMovedCommand implements Action {

    @Argument(index = 0, name = "words", multiValued = true, required = false,
            description = "The old action and its words")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        throw MovedCommands.moved("edge", words);
    }
}
