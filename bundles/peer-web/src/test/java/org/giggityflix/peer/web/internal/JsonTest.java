package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@code JsonTest} is responsible for proving the tiny JSON codec round-trips what the API sends and reads. */
class JsonTest {

    @Test
    void writesValuesEscapedAndInOrder() {
        String json = Json.write(Json.obj("s", "a\"b\\c\n</script>", "n", 5L, "d", 2.5, "b", true, "none", null,
                "opt", Optional.empty(), "list", List.of(1, "x"), "map", Map.of("k", "v")));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u003c/script>\",\"n\":5,\"d\":2.5,\"b\":true,\"none\":null,"
                + "\"opt\":null,\"list\":[1,\"x\"],\"map\":{\"k\":\"v\"}}", json);
    }

    @Test
    void parsesWhatItWrites() {
        Map<String, Object> m = Json.parseObject("{\"a\": [1, 2.5, \"x\\u00e9\", null, false], \"b\": {\"c\": -3}}");
        assertEquals(Arrays.asList(1L, 2.5, "xé", null, false), m.get("a"));
        assertEquals(Map.of("c", -3L), m.get("b"));
    }

    @Test
    void rejectsBrokenOrHostileInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }
}
