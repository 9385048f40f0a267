package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.catalog.MediaCatalog;

/**
 * {@code MediaArgsCompleter} is responsible for completing the words after {@code peer:media list|show}: file ids
 * after {@code show}, status names after {@code --status}, option names otherwise.
 */
@Service
public class MediaArgsCompleter implements Completer {

    @Reference(optional = true)
    MediaCatalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        int cursor = commandLine.getCursorArgumentIndex();
        String previous = cursor > 0 && cursor - 1 < words.length ? words[cursor - 1] : "";
        return new StringsCompleter(values(previous)).complete(session, commandLine, candidates);
    }

    /** What may follow {@code previous}. */
    List<String> values(String previous) {
        if ("show".equalsIgnoreCase(previous)) {
            LuidCompleter luids = new LuidCompleter();
            luids.catalog = catalog;
            return luids.values();
        }
        if ("--status".equals(MediaArgs.optionName(previous))) {
            return StatusCompleter.names();
        }
        return MediaArgs.OPTION_NAMES;
    }
}
