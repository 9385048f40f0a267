package org.giggityflix.peer.api.hash;

import java.util.Set;

/** None of the requested algorithm names is provided by an installed {@link HashProvider}. */
public class UnknownAlgorithmException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownAlgorithmException(Set<String> unknown, Set<String> available) {
        super("unknown hash algorithm(s) " + unknown + "; available: " + available);
    }
}
