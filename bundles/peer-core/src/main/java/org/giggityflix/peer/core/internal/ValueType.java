package org.giggityflix.peer.core.internal;

import java.util.Locale;
import java.util.Set;

/**
 * {@code ValueType} is responsible for turning an environment variable's text into the value stored in
 * ConfigAdmin, or saying why it cannot be.
 */
enum ValueType {

    /** Stored as given (trimmed); comma lists stay plain strings. */
    TEXT {
        @Override
        Object coerce(String raw) {
            return raw.trim();
        }
    },

    /** A whole number, 0 or more (intervals, counts, sizes), stored as an Integer. */
    COUNT {
        @Override
        Object coerce(String raw) {
            int value = parseInt(raw, "a whole number");
            if (value < 0) {
                throw new IllegalArgumentException("must be 0 or more");
            }
            return value;
        }
    },

    /**
     * A TCP port 1..65535, stored as text because pax-web's own {@code org.ops4j.pax.web} configuration keeps
     * it as text.
     */
    PORT {
        @Override
        Object coerce(String raw) {
            int value = parseInt(raw, "a port number");
            if (value < 1 || value > 65_535) {
                throw new IllegalArgumentException("must be a port between 1 and 65535");
            }
            return Integer.toString(value);
        }
    },

    /** true/false (also yes/no, on/off, 1/0, as people write them in env files), stored as a Boolean. */
    BOOLEAN {
        @Override
        Object coerce(String raw) {
            String text = raw.trim().toLowerCase(Locale.ROOT);
            if (TRUE.contains(text)) {
                return Boolean.TRUE;
            }
            if (FALSE.contains(text)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("must be true or false");
        }
    };

    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

    /**
     * The value to store.
     *
     * @throws IllegalArgumentException with the reason, phrased to follow "VAR=value "
     */
    abstract Object coerce(String raw);

    private static int parseInt(String raw, String what) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not " + what);
        }
    }
}
