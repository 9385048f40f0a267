package org.giggityflix.peer.web.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.json.JsonException;
import javax.json.stream.JsonGenerator;
import javax.json.stream.JsonLocation;
import javax.json.stream.JsonParser;
import javax.json.stream.JsonParsingException;

/**
 * {@code Json} is responsible for the API's JSON through javax.json (JSON-P 1.1, the Johnzon implementation Karaf
 * starts): it writes maps, lists and plain values with the library's generator and reads a body with its parser
 * into maps and lists, so the grammar, escapes and numbers are the library's. Objects are {@code Map<String, ?>} in
 * insertion order, arrays lists; read numbers are {@code Long} when written without fraction or exponent and within
 * a long, {@code BigInteger} when larger (a setting then says it is out of range), else {@code Double}.
 */
final class Json {

    /** Deepest nesting a request body may have (the library itself recurses without a bound). */
    private static final int MAX_DEPTH = 32;

    private Json() {
    }

    /** A map in the order the pairs are given: {@code obj("a", 1, "b", "x")}. */
    static Map<String, Object> obj(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs expected");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * {@code value} as JSON text. Optionals are their content or null, durations seconds, doubles in plain notation
     * (NaN and infinities null), anything else (instants, enums, paths) its text. {@code <}, U+2028 and U+2029 are
     * escaped so the text is also safe inside a {@code <script>} element.
     */
    static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = javax.json.Json.createGenerator(out)) {
            write(g, null, value);
        }
        return scriptSafe(out.toString());
    }

    private static void write(JsonGenerator g, String name, Object value) {
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        if (value instanceof Float f) {
            value = f.doubleValue();
        }
        if (value == null) {
            if (name == null) {
                g.writeNull();
            } else {
                g.writeNull(name);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (name == null) {
                g.writeStartObject();
            } else {
                g.writeStartObject(name);
            }
            map.forEach((k, v) -> write(g, String.valueOf(k), v));
            g.writeEnd();
        } else if (value instanceof Collection<?> || value instanceof Object[]) {
            if (name == null) {
                g.writeStartArray();
            } else {
                g.writeStartArray(name);
            }
            for (Object item : value instanceof Object[] array ? List.of(array) : (Collection<?>) value) {
                write(g, null, item);
            }
            g.writeEnd();
        } else if (value instanceof Boolean b) {
            if (name == null) {
                g.write(b);
            } else {
                g.write(name, b);
            }
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            write(g, name, null);
        } else if (value instanceof Number || value instanceof Duration) {
            BigDecimal n = number(value);
            if (name == null) {
                g.write(n);
            } else {
                g.write(name, n);
            }
        } else {
            String text = value instanceof Instant i ? i.toString() : value.toString();
            if (name == null) {
                g.write(text);
            } else {
                g.write(name, text);
            }
        }
    }

    /** Integers as they are, decimals in plain notation without trailing zeros ({@code 2.5}, {@code 3600}). */
    private static BigDecimal number(Object value) {
        if (value instanceof Duration d) {
            return plain(BigDecimal.valueOf(d.toMillis()).movePointLeft(3));
        }
        if (value instanceof Double d) {
            return plain(BigDecimal.valueOf(d));
        }
        if (value instanceof BigDecimal b) {
            return plain(b);
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private static BigDecimal plain(BigDecimal b) {
        BigDecimal stripped = b.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /**
     * Parses one JSON value: objects become {@code LinkedHashMap}, arrays {@code ArrayList}.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    static Object parse(String text) {
        try (JsonParser parser = javax.json.Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new IllegalArgumentException("invalid JSON: a value is missing");
            }
            Object value = value(parser, parser.next(), 0);
            if (parser.hasNext()) {
                throw new IllegalArgumentException("invalid JSON at character " + at(parser.getLocation())
                        + ": unexpected text after the value");
            }
            return value;
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException("invalid JSON at character " + at(e.getLocation()) + ": "
                    + reason(e.getMessage()), e);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object, or says that the body is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static Object value(JsonParser parser, JsonParser.Event event, int depth) {
        switch (event) {
            case START_OBJECT -> {
                checkDepth(parser, depth);
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    map.put(key, value(parser, parser.next(), depth + 1));
                }
                return map;
            }
            case START_ARRAY -> {
                checkDepth(parser, depth);
                List<Object> list = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    list.add(value(parser, e, depth + 1));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getString();
            }
            case VALUE_NUMBER -> {
                return number(parser);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("invalid JSON at character " + at(parser.getLocation())
                    + ": unexpected " + event);
        }
    }

    private static Object number(JsonParser parser) {
        BigDecimal n = parser.getBigDecimal();
        if (parser.isIntegralNumber()) {
            BigInteger i = n.toBigIntegerExact();
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        double d = n.doubleValue();
        return Double.isInfinite(d) ? n : (Object) d;
    }

    private static void checkDepth(JsonParser parser, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("invalid JSON at character " + at(parser.getLocation())
                    + ": nested too deeply");
        }
    }

    /** The 0-based index of the character the parser stopped at (Johnzon's offset counts it as read). */
    private static long at(JsonLocation location) {
        return location == null ? -1 : Math.max(0, location.getStreamOffset() - 1);
    }

    /** Johnzon's message without its location part ("Unexpected character 'x' ... Reason is [[EOF expected]]"). */
    private static String reason(String message) {
        if (message == null) {
            return "not JSON";
        }
        int on = message.indexOf(" on [lineNumber");
        int why = message.indexOf("Reason is [[");
        String what = on < 0 ? message : message.substring(0, on);
        return why < 0 ? what : what + " (" + message.substring(why + 12).replace("]]", "") + ")";
    }
}
