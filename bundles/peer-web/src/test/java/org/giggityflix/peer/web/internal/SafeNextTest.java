package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code SafeNextTest} is responsible for proving that sign-in only ever sends the browser to a path on this peer. */
class SafeNextTest {

    @ParameterizedTest
    @ValueSource(strings = {"/\\evil.invalid/x", "/\\/evil.invalid", "//evil.invalid", "///evil.invalid",
        "/\t/evil.invalid", "/\n/evil.invalid", "/\r/evil.invalid", "/ /evil.invalid", "/%09/evil.invalid",
        "/%5Cevil.invalid", "/%5cevil.invalid", "/%2F/evil.invalid", "/%2f%2fevil.invalid", "/%252F%252Fevil.invalid",
        "https://evil.invalid", "http:evil.invalid", "javascript:alert(1)", "JavaScript:alert(1)",
        "data:text/html,x", "evil.invalid", "\\\\evil.invalid", " /library", "/\u3000/evil.invalid",
        "/\u00a0/evil.invalid", "", "/library\u0000", "/%00"})
    void anythingThatCouldLeaveThePeerGoesHome(String next) {
        assertEquals("/", SafeNext.location(next), next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/library", "/library?q=my%20movie&sort=size", "/media?id=12", "/settings#edge",
        "/play?id=3", "/@evil.invalid"})
    void pathsOnThisPeerAreKept(String next) {
        assertEquals(next, SafeNext.location(next));
    }

    @org.junit.jupiter.api.Test
    void noNextGoesHome() {
        assertEquals("/", SafeNext.location(null));
    }
}
