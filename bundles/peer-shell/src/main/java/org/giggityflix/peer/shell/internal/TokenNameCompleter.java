package org.giggityflix.peer.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokens;

/**
 * {@code TokenNameCompleter} is responsible for completing the names of the API tokens that exist.
 */
@Service
public class TokenNameCompleter implements Completer {

    @Reference(optional = true)
    ApiTokens tokens;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }

    List<String> values() {
        if (tokens == null) {
            return List.of();
        }
        try {
            return tokens.list().stream().map(ApiToken::name).toList();
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the console
        }
    }
}
