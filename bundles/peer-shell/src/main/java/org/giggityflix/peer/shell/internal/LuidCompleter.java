package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;

/**
 * {@code LuidCompleter} is responsible for completing file ids from the first page of the catalog.
 */
@Service
public class LuidCompleter implements Completer {

    /** Enough for tab completion to help without reading a large catalog on every key press. */
    static final int PAGE = 200;

    @Reference(optional = true)
    MediaCatalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }

    List<String> values() {
        if (catalog == null) {
            return List.of();
        }
        try {
            return catalog.list(MediaQuery.firstPage(PAGE)).stream()
                    .map(MediaFile::luid).map(String::valueOf).toList();
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the console
        }
    }
}
