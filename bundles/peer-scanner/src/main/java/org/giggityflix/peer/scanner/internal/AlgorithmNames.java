package org.giggityflix.peer.scanner.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code AlgorithmNames} is responsible for turning hash algorithm names as people and the Edge write them
 * ({@code SHA-1}, {@code " md5 "}) into the canonical lower-case names providers publish ({@code sha1}).
 */
final class AlgorithmNames {

    /** Longer names are never real algorithms; cutting them keeps hostile input out of logs and reports. */
    private static final int MAX_LENGTH = 64;

    private AlgorithmNames() {
    }

    /** The canonical form of one name; empty when nothing is left after trimming. */
    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        // "sha-1", "sha_256" and "sha1" name the same thing; a dash is how JCA spells them.
        String compact = trimmed.replace("-", "").replace("_", "");
        return compact.length() > MAX_LENGTH ? compact.substring(0, MAX_LENGTH) : compact;
    }

    /** Canonical names in request order, duplicates and blanks dropped. */
    static Set<String> normaliseAll(Collection<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (String name : names) {
            String canonical = normalise(name);
            if (!canonical.isEmpty()) {
                result.add(canonical);
            }
        }
        return result;
    }
}
