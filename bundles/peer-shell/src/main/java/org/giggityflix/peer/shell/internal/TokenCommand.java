package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;

/**
 * {@code TokenCommand} is responsible for {@code peer:token}: creating an API token for a script or Prometheus
 * (its secret printed once), listing the tokens (name, scope, created, last used; never a secret) and revoking one.
 */
@Service
@Command(scope = "peer", name = "token",
        description = "API tokens for scripts and Prometheus (Authorization: Bearer TOKEN on /api/v1/* and /metrics,"
                + " from the home network): 'add NAME [--read-only]' prints the token once, 'list' shows name, scope,"
                + " created and last use, 'revoke NAME' ends it at once.")
public class TokenCommand implements Action {

    static final String NO_TOKENS =
            "API tokens are not available (no ApiTokens service): install or start the peer-web bundle.";
    private static final List<String> ACTIONS = List.of("add", "list", "revoke");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Reference(optional = true)
    ApiTokens tokens;

    @Argument(index = 0, name = "action", description = "add, list or revoke", required = false)
    @Completion(value = StringsCompleter.class, values = {"add", "list", "revoke"})
    String action = "list";

    @Argument(index = 1, name = "name", description = "the token's name (add, revoke): letters, digits, . _ -;"
            + " for add, --read-only may also follow it (peer:token add prometheus --read-only)", required = false,
            multiValued = true)
    List<String> words = new ArrayList<>();

    @Option(name = "--read-only", aliases = "-r", description = "add: the token may only read (GET), never change")
    boolean readOnly;

    /** The name, once {@link #words} are read. */
    String name;

    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (tokens == null) {
            throw Messages.failure(NO_TOKENS);
        }
        readWords();
        try {
            switch (action) {
                case "list" -> list(out);
                case "add" -> {
                    NewApiToken created = tokens.create(required(), readOnly ? TokenScope.READ_ONLY : TokenScope.FULL);
                    out.println("Token '" + created.token().name() + "' (" + scope(created.token().scope())
                            + ") created. Copy it now; it is not shown again:");
                    out.println(created.secret());
                    out.println("Send it as the header 'Authorization: Bearer <token>' to /api/v1/... or /metrics"
                            + (readOnly ? " (reads only)." : "."));
                }
                case "revoke" -> {
                    String n = required();
                    tokens.revoke(n);
                    out.println("Token '" + n + "' revoked: requests presenting it are refused from now on.");
                }
                default -> throw Messages.failure("Unknown action '" + action + "': use one of " + ACTIONS);
            }
        } catch (ApiTokenException e) {
            throw Messages.failure(e.getMessage());
        }
    }

    /**
     * Karaf stops reading options at the first argument, so in {@code peer:token add NAME --read-only} the option
     * arrives as a word: read it here, and refuse anything else after the name.
     */
    private void readWords() throws CommandException {
        for (String w : words == null ? List.<String>of() : words) {
            if (w.equals("--read-only") || w.equals("-r")) {
                readOnly = true;
            } else if (w.startsWith("-")) {
                throw Messages.failure("Unknown option '" + w + "': peer:token add NAME [--read-only]");
            } else if (name == null) {
                name = w;
            } else {
                throw Messages.failure("One token name at a time (got '" + name + "' and '" + w + "').");
            }
        }
    }

    private String required() throws CommandException {
        if (name == null || name.isBlank()) {
            throw Messages.failure("Name the token: peer:token " + action + " NAME");
        }
        return name;
    }

    private void list(PrintStream out) {
        List<ApiToken> all = tokens.list();
        if (all.isEmpty()) {
            out.println("No API tokens. Create one with: peer:token add NAME [--read-only]");
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

    private static String scope(TokenScope scope) {
        return scope == TokenScope.READ_ONLY ? "read-only" : "full";
    }
}
