package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;

/**
 * {@code TokenAddCommand} is responsible for {@code peer:token-add}: creating an API token for a script or
 * Prometheus and printing its secret, once.
 */
@Service
@Command(scope = "peer", name = "token-add",
        description = "Creates an API token for a script or Prometheus and prints it once (it is stored only hashed):"
                + " send it as 'Authorization: Bearer TOKEN' to /api/v1/* and /metrics from the home network."
                + " Options come before the name: peer:token-add --read-only prometheus.")
public class TokenAddCommand implements Action {

    @Reference(optional = true)
    ApiTokens tokens;

    @Argument(index = 0, name = "name", required = true,
            description = "The token's name, unique: letters, digits, . _ -")
    String name;

    @Option(name = "--read-only", aliases = "-r", description = "The token may only read (GET), never change")
    boolean readOnly;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        ApiTokens store = ApiTokensRequired.required(tokens);
        try {
            NewApiToken created = store.create(ApiTokensRequired.name(name, "peer:token-add [--read-only]"),
                    readOnly ? TokenScope.READ_ONLY : TokenScope.FULL);
            out.println("Token '" + created.token().name() + "' (" + TokenListCommand.scope(created.token().scope())
                    + ") created. Copy it now; it is not shown again:");
            out.println(created.secret());
            out.println("Send it as the header 'Authorization: Bearer <token>' to /api/v1/... or /metrics"
                    + (readOnly ? " (reads only)." : "."));
        } catch (ApiTokenException e) {
            throw Messages.failure(e.getMessage());
        }
    }
}
