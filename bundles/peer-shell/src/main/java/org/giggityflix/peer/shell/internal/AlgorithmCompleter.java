package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.hash.FileHasher;

/**
 * {@code AlgorithmCompleter} is responsible for completing the hash algorithms installed right now.
 */
@Service
public class AlgorithmCompleter implements Completer {

    @Reference(optional = true)
    FileHasher hasher;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }

    List<String> values() {
        if (hasher == null) {
            return List.of();
        }
        try {
            return hasher.availableAlgorithms().stream().sorted().toList();
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the console
        }
    }
}
