package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;

/**
 * {@code TokenRevokeCommand} is responsible for {@code peer:token-revoke}: ending an API token at once.
 */
@Service
@Command(scope = "peer", name = "token-revoke",
        description = "Revokes an API token: requests presenting it are refused from the next one on.")
public class TokenRevokeCommand implements Action {

    @Reference(optional = true)
    ApiTokens tokens;

    @Argument(index = 0, name = "name", required = true, description = "The token's name, as peer:token-list prints it")
    @Completion(TokenNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        ApiTokens store = ApiTokensRequired.required(tokens);
        String revoked = ApiTokensRequired.name(name, "peer:token-revoke");
        try {
            store.revoke(revoked);
        } catch (ApiTokenException e) {
            throw Messages.failure(e.getMessage());
        }
        out.println("Token '" + revoked + "' revoked: requests presenting it are refused from now on.");
    }
}
