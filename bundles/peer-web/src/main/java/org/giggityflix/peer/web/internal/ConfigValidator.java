package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.giggityflix.peer.web.internal.ConfigSource.Field;
import org.giggityflix.peer.web.internal.ConfigSource.FieldType;
import org.giggityflix.peer.web.internal.ConfigSource.Pid;

/**
 * {@code ConfigValidator} is responsible for checking a submitted settings change against the metatype: known
 * fields, value type, range and options (through the metatype's own validation), and turning the JSON values into
 * the types ConfigAdmin stores. Any error rejects the whole change.
 */
final class ConfigValidator {

    /** What a password field shows instead of its value; sending it back keeps the stored password. */
    static final String MASK = "********";

    record Result(Map<String, Object> values, Map<String, String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private ConfigValidator() {
    }

    static Result validate(Pid pid, Map<String, Object> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : submitted.entrySet()) {
            Field field = pid.field(e.getKey()).orElse(null);
            if (field == null) {
                errors.put(e.getKey(), "Unknown setting for " + pid.pid() + ".");
                continue;
            }
            if (field.type() == FieldType.PASSWORD && MASK.equals(e.getValue())) {
                continue; // unchanged
            }
            try {
                values.put(field.id(), convert(field, e.getValue()));
            } catch (IllegalArgumentException ex) {
                errors.put(field.id(), ex.getMessage());
            }
        }
        return new Result(values, errors);
    }

    /** The value as ConfigAdmin should store it, or an exception whose message is the field's error. */
    static Object convert(Field field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("A value is required.");
        }
        if (field.cardinality() == 0) {
            if (value instanceof Collection<?>) {
                throw new IllegalArgumentException("One value expected, not a list.");
            }
            return single(field, value);
        }
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> items.add(String.valueOf(v)));
        } else {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        int max = Math.abs(field.cardinality());
        if (items.size() > max) {
            throw new IllegalArgumentException("At most " + max + " values.");
        }
        Object[] converted = new Object[items.size()];
        for (int i = 0; i < items.size(); i++) {
            converted[i] = single(field, items.get(i));
        }
        return typedArray(field.type(), converted);
    }

    private static Object single(Field field, Object value) {
        String text = value instanceof Double d && d == Math.rint(d) && field.type() != FieldType.DOUBLE
                && field.type() != FieldType.FLOAT ? String.valueOf(d.longValue()) : String.valueOf(value).trim();
        if (field.type() != FieldType.STRING && field.type() != FieldType.PASSWORD) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("A value is required.");
            }
        } else {
            text = String.valueOf(value);
        }
        Object typed = parse(field.type(), text);
        if (!field.options().isEmpty()
                && field.options().stream().noneMatch(o -> o.value().equals(String.valueOf(typed)))) {
            throw new IllegalArgumentException("Must be one of: "
                    + String.join(", ", field.options().stream().map(ConfigSource.Option::value).toList()) + ".");
        }
        if (field.validator() != null) {
            String problem = field.validator().apply(String.valueOf(typed));
            if (problem != null && !problem.isEmpty()) {
                throw new IllegalArgumentException(problem);
            }
        }
        return typed;
    }

    private static Object parse(FieldType type, String text) {
        try {
            return switch (type) {
                case STRING, PASSWORD -> text;
                case LONG -> Long.parseLong(text);
                case INTEGER -> Integer.parseInt(text);
                case SHORT -> Short.parseShort(text);
                case BYTE -> Byte.parseByte(text);
                case DOUBLE -> finite(Double.parseDouble(text));
                case FLOAT -> (float) finite(Float.parseFloat(text));
                case CHARACTER -> {
                    if (text.length() != 1) {
                        throw new IllegalArgumentException("One character expected.");
                    }
                    yield text.charAt(0);
                }
                case BOOLEAN -> {
                    String t = text.toLowerCase(Locale.ROOT);
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new IllegalArgumentException("Must be true or false, was '" + text + "'.");
                    }
                    yield Boolean.valueOf(t);
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a valid " + type.name().toLowerCase(Locale.ROOT) + " number: '"
                    + text + "'.");
        }
    }

    private static double finite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NumberFormatException();
        }
        return d;
    }

    private static Object typedArray(FieldType type, Object[] values) {
        return switch (type) {
            case LONG -> java.util.Arrays.stream(values).map(Long.class::cast).toArray(Long[]::new);
            case INTEGER -> java.util.Arrays.stream(values).map(Integer.class::cast).toArray(Integer[]::new);
            case BOOLEAN -> java.util.Arrays.stream(values).map(Boolean.class::cast).toArray(Boolean[]::new);
            case DOUBLE -> java.util.Arrays.stream(values).map(Double.class::cast).toArray(Double[]::new);
            case STRING, PASSWORD -> java.util.Arrays.stream(values).map(String.class::cast).toArray(String[]::new);
            default -> values;
        };
    }
}
