package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.TokenScope;

/**
 * {@code TokenListCommand} is responsible for {@code peer:token-list}: the API tokens (name, scope, created, last
 * used), never a secret.
 */
@Service
@Command(scope = "peer", name = "token-list",
        description = "Lists the API tokens: name, scope (full or read-only), when created and last used."
                + " Secrets are never shown (they are stored only hashed).")
public class TokenListCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Reference(optional = true)
    ApiTokens tokens;

    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        List<ApiToken> all;
        try {
            all = ApiTokensRequired.required(tokens).list();
        } catch (ApiTokenException e) {
            throw Messages.failure(e.getMessage());
        }
        if (all.isEmpty()) {
            out.println("No API tokens. Create one with: peer:token-add [--read-only] NAME");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Scope");
        table.column("Created");
        table.column("Last used");
        for (ApiToken t : all) {
            table.addRow().addContent(t.name(), scope(t.scope()), time(t.created()),
                    t.lastUsed().map(this::time).orElse("never"));
        }
        table.print(out, true);
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    static String scope(TokenScope scope) {
        return scope == TokenScope.READ_ONLY ? "read-only" : "full";
    }
}
