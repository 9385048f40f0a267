package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@code JsonTest} is responsible for proving the API's JSON round-trips what it sends and reads, by the grammar. */
class JsonTest {

    @Test
    void writesValuesEscapedAndInOrder() {
        String json = Json.write(Json.obj("s", "a\"b\\c\n</script>\u2028", "n", 5L, "d", 2.5, "b", true, "none", null,
                "opt", Optional.empty(), "list", List.of(1, "x"), "map", Map.of("k", "v")));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u003c/script>\\u2028\",\"n\":5,\"d\":2.5,\"b\":true,\"none\":null,"
                + "\"opt\":null,\"list\":[1,\"x\"],\"map\":{\"k\":\"v\"}}", json);
    }

    @Test
    void writesNumbersPlainly() {
        assertEquals("[3600,0.1,100000000000000000000,null,1.5,12345678901234567890]", Json.write(List.of(3600.0, 0.1,
                1e20, Double.NaN, Duration.ofMillis(1500), new BigInteger("12345678901234567890"))));
    }

    @Test
    void parsesWhatItWrites() {
        Map<String, Object> m = Json.parseObject("{\"a\": [1, 2.5, \"x\\u00e9\", null, false], \"b\": {\"c\": -3}}");
        assertEquals(Arrays.asList(1L, 2.5, "xé", null, false), m.get("a"));
        assertEquals(Map.of("c", -3L), m.get("b"));
    }

    @Test
    void readsNumbersByTheGrammar() {
        // An exponent is part of the number: 1e3 is a thousand, not 1 followed by junk.
        assertEquals(1000.0, Json.parse("1e3"));
        assertEquals(List.of(1500.0, -0.25), Json.parse("[1.5E+3, -25e-2]"));
        // An integer beyond a long is kept whole, not refused or rounded: the caller decides what it means.
        assertEquals(new BigInteger("123456789012345678901234567890"), Json.parse("123456789012345678901234567890"));
        assertEquals(Long.MAX_VALUE, Json.parse(String.valueOf(Long.MAX_VALUE)));
    }

    @Test
    void refusesWhatTheGrammarRefuses() {
        for (String bad : List.of("01", "{\"a\":01}", "1.", "[1.]", ".5", "+1", "-", "[1,]", "{\"a\":1,}", "NaN",
                "'x'", "{a:1}", "\"tab\there\"", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
        }
    }

    @Test
    void rejectsBrokenOrHostileInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\":1} trailing"));
        assertTrue(trailing.getMessage().contains("at character 8"), trailing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
        // Deep enough to overflow the library's own recursive reader: refused with a message, not a StackOverflowError.
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100_000) + "]".repeat(100_000)));
    }
}
