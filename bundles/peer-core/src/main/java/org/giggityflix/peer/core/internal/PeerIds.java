package org.giggityflix.peer.core.internal;

/**
 * {@code PeerIds} is responsible for deciding whether a text can be a peer id.
 *
 * <p>The Edge receives the id as gRPC ASCII metadata, so only visible ASCII characters are allowed.
 */
final class PeerIds {

    static final int MAX_LENGTH = 256;

    private PeerIds() {
    }

    /** What is wrong with {@code id}, or {@code null} when it is usable. */
    static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "it is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "it contains a character other than visible ASCII at position " + (i + 1);
            }
        }
        return null;
    }
}
