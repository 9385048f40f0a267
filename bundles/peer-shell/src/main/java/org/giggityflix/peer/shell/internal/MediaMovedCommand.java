package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code MediaMovedCommand} is responsible for the earlier spelling {@code peer:media <action>}: it runs nothing and
 * fails naming the {@code peer:media-<action>} command that replaced it (see {@link MovedCommands}).
 */
@Service
@Command(scope = "peer", name = "media", description = "Replaced by one command per action ("
        + "peer:media-list, peer:media-show"
        + "): prints which one to use and runs nothing.")
public class MediaMovedCommand implements Action {

    @Argument(index = 0, name = "words", multiValued = true, required = false,
            description = "The old action and its words")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        throw MovedCommands.moved("media", words);
    }
}
