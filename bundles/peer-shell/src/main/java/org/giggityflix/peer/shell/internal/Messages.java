package org.giggityflix.peer.shell.internal;

/**
 * {@code Messages} is responsible for the sentences more than one command prints when something is missing.
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

    static String noSuchFile(long luid) {
        return "No cataloged file with id " + luid;
    }
}
