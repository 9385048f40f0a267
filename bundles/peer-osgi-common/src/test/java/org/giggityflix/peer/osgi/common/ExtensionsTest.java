package org.giggityflix.peer.osgi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * {@code ExtensionsTest} is responsible for proving how a file finds the codec that handles it: by its extension in
 * any case, and never through a codec that cannot say what it handles.
 */
class ExtensionsTest {

    @Test
    void theExtensionIsTheLastDotOnInLowerCase() {
        assertEquals(".mkv", Extensions.of("Holiday 2024.MKV"));
        assertEquals(".gz", Extensions.of("backup.tar.gz"));
        assertEquals(".y4m", Extensions.of(".y4m"));
        assertEquals("", Extensions.of("README"));
    }

    @Test
    void aServiceHandlesTheExtensionsItNamesInAnyCase() {
        Function<Set<String>, Set<String>> asked = s -> s;

        assertTrue(Extensions.handledBy(Set.of(".mkv", ".MP4"), asked, ".mp4"));
        assertTrue(Extensions.handledBy(Set.of(".mkv"), asked, ".MKV"));
        assertFalse(Extensions.handledBy(Set.of(".mkv"), asked, ".avi"));
        assertFalse(Extensions.handledBy(Set.of(".mkv"), asked, ""), "a name without extension matches nothing");
    }

    @Test
    void aServiceThatCannotAnswerHandlesNothing() {
        assertFalse(Extensions.handledBy("broken", s -> {
            throw new IllegalStateException("codec bundle stopping");
        }, ".mkv"));
        assertFalse(Extensions.handledBy("silent", s -> null, ".mkv"));
    }
}
