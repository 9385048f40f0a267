package org.giggityflix.peer.shell.internal;

import org.apache.karaf.shell.support.CommandException;

/**
 * {@code Messages} is responsible for the sentences more than one command prints when something is missing, and
 * for the way a command fails.
 */
final class Messages {

    static final String NO_SCANNER =
            "The scanner is not running (no MediaScanner service): install or start the peer-scanner bundle.";
    static final String NO_CATALOG =
            "The catalog is not available (no MediaCatalog service): install or start the peer-catalog bundle.";
    static final String NO_HASHER =
            "Hashing is not available (no FileHasher service): install or start the peer-scanner bundle.";

    private Messages() {
    }

    /**
     * A failed command: Karaf prints the sentence as it is (no stack trace, no "Error executing command" prefix,
     * logged at debug only) and the session, so {@code bin/peer} and the SSH client, exits with status 1, which
     * scripts and cron jobs can test. Karaf recognises the exception by its exact class, so no subclass.
     */
    static CommandException failure(String sentence) {
        return new CommandException(sentence, sentence);
    }

    static String noSuchFile(long luid) {
        return "No cataloged file with id " + luid;
    }
}
