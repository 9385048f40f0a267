package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code ConfigSource} is responsible for the peer's settings as the metatype describes them: which PIDs exist,
 * their fields, their current values, and storing a validated change.
 */
interface ConfigSource {

    /** Value types of the metatype (AttributeDefinition constants mapped to names). */
    enum FieldType { STRING, LONG, INTEGER, SHORT, CHARACTER, BYTE, DOUBLE, FLOAT, BOOLEAN, PASSWORD }

    record Option(String value, String label) {
    }

    /**
     * One setting.
     *
     * @param cardinality 0 for one value, otherwise a list (metatype cardinality)
     * @param validator   the metatype's own check: null or "" when the text is valid, else the reason
     */
    record Field(String id, String name, String description, FieldType type, int cardinality, List<String> defaults,
                 List<Option> options, UnaryOperator<String> validator) {
        public Field {
            defaults = defaults == null ? List.of() : List.copyOf(defaults);
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    record Pid(String pid, String name, String description, List<Field> fields) {
        public Pid {
            fields = List.copyOf(fields);
        }

        Optional<Field> field(String id) {
            return fields.stream().filter(f -> f.id().equals(id)).findFirst();
        }
    }

    /** Every described PID of the peer, sorted by PID. */
    List<Pid> pids();

    Optional<Pid> describe(String pid);

    /** The stored values of a PID (empty when nothing is stored: the defaults apply). */
    Map<String, Object> values(String pid);

    /** Stores {@code changes} over the stored values (other properties are kept). */
    void update(String pid, Map<String, Object> changes) throws IOException;
}
