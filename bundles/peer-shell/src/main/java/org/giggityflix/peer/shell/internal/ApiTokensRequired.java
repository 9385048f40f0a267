package org.giggityflix.peer.shell.internal;

import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.token.ApiTokens;

/**
 * {@code ApiTokensRequired} is responsible for what the {@code peer:token-*} commands share: the failure when the
 * token store is not installed, and how a token name is asked for.
 */
final class ApiTokensRequired {

    static final String NO_TOKENS =
            "API tokens are not available (no ApiTokens service): install or start the peer-web bundle.";

    private ApiTokensRequired() {
    }

    /** {@code tokens}, or the failure that says how to get them. */
    static ApiTokens required(ApiTokens tokens) throws CommandException {
        if (tokens == null) {
            throw Messages.failure(NO_TOKENS);
        }
        return tokens;
    }

    /** {@code name}, or the failure naming the command that needs it. */
    static String name(String name, String command) throws CommandException {
        if (name == null || name.isBlank()) {
            throw Messages.failure("Name the token: " + command + " NAME");
        }
        return name;
    }
}
