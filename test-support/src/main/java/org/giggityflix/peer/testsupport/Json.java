package org.giggityflix.peer.testsupport;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.json.JsonArray;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.json.JsonString;
import javax.json.JsonValue;

/**
 * {@code Json} is responsible for the JSON chores the tests need, through javax.json directly (not through the
 * peer's own helpers, so a test does not share their mistakes): quoting a string, and reading an answer strictly
 * (objects as maps in order, arrays as lists, integers as Long (BigInteger beyond), other numbers as Double; anything that is
 * not JSON fails the test).
 */
public final class Json {

    private Json() {
    }

    /** {@code s} as a JSON string literal. */
    public static String string(String s) {
        return javax.json.Json.createValue(s).toString();
    }

    /** The value {@code text} holds; fails on anything that is not one JSON value. */
    public static Object parse(String text) {
        try (JsonReader reader = javax.json.Json.createReader(new StringReader(text))) {
            return plain(reader.readValue());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + "): " + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    /** Follows a path of keys and indexes: {@code at(map, "counts", "ready")}. */
    @SuppressWarnings("unchecked")
    public static Object at(Object root, Object... path) {
        Object v = root;
        for (Object step : path) {
            v = step instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(step);
        }
        return v;
    }

    private static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(plain(v)));
                return list;
            }
            case STRING -> {
                return ((JsonString) value).getString();
            }
            case NUMBER -> {
                BigDecimal d = ((JsonNumber) value).bigDecimalValue();
                if (d.scale() == 0) { // written without fraction or exponent
                    BigInteger i = d.toBigIntegerExact();
                    return i.bitLength() < 64 ? (Object) i.longValue() : i;
                }
                return d.doubleValue();
            }
            case TRUE -> {
                return Boolean.TRUE;
            }
            case FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }
}
