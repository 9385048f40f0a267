package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code TokenMovedCommand} is responsible for the earlier spelling {@code peer:token <action>}: it runs nothing and
 * fails naming the {@code peer:token-<action>} command that replaced it (see {@link MovedCommands}).
 */
@Service
@Command(scope = "peer", name = "token", description = "Replaced by one command per action ("
        + "peer:token-list, peer:token-add, peer:token-revoke"
        + "): prints which one to use and runs nothing.")
public class TokenMovedCommand implements Action {

    @Argument(index = 0, name = "words", multiValued = true, required = false,
            description = "The old action and its words")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        throw MovedCommands.moved("token", words);
    }
}
