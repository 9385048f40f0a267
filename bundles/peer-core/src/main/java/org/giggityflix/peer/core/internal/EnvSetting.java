package org.giggityflix.peer.core.internal;

/**
 * {@code EnvSetting} is responsible for tying one environment variable to the ConfigAdmin property it sets.
 *
 * @param variable the environment variable, e.g. {@code SCAN_INTERVAL_MINUTES}
 * @param pid      the configuration PID
 * @param property the property within that PID
 * @param type     how the text becomes a stored value
 * @param secret   never write the value to the log
 */
record EnvSetting(String variable, String pid, String property, ValueType type, boolean secret) {

    static EnvSetting of(String variable, String pid, String property, ValueType type) {
        return new EnvSetting(variable, pid, property, type, false);
    }

    static EnvSetting secret(String variable, String pid, String property) {
        return new EnvSetting(variable, pid, property, ValueType.TEXT, true);
    }

    /** The value as it may appear in the log. */
    String printable(Object value) {
        return secret ? "****" : String.valueOf(value);
    }
}
