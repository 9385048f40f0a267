package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@code PathRulesTest} is responsible for the include and exclude rules on names and paths. */
class PathRulesTest {

    private final PathRules rules = new PathRules(Set.of(".mp4", ".mkv"), Set.of("samples"),
            List.of(Path.of("/media/a/private")));

    @Test
    void extensionsMatchCaseInsensitively() {
        assertTrue(rules.includesFile("Movie.MP4"));
        assertTrue(rules.includesFile("show.s01e01.mkv"));
        assertFalse(rules.includesFile("notes.txt"));
        assertFalse(rules.includesFile("mp4"));
        assertFalse(rules.includesFile(".hidden.mp4"));
    }

    @Test
    void excludedHiddenAndSystemFoldersAreNotEntered() {
        assertFalse(rules.entersDirectory(Path.of("/media/a/Samples")));
        assertFalse(rules.entersDirectory(Path.of("/media/a/private")));
        assertFalse(rules.entersDirectory(Path.of("/media/a/private/deeper")));
        assertFalse(rules.entersDirectory(Path.of("/media/a/.git")));
        for (String system : List.of("lost+found", "$RECYCLE.BIN", "System Volume Information", "@eaDir")) {
            assertFalse(rules.entersDirectory(Path.of("/media/a").resolve(system)), system);
        }
        assertTrue(rules.entersDirectory(Path.of("/media/a/Films")));
        assertFalse(rules.entersPath(Path.of("/media/a"), Path.of("/media/a/Samples/x/y")));
        assertTrue(rules.entersPath(Path.of("/media/a"), Path.of("/media/a/Films/x")));
    }

    @Test
    void theWalksInPlaceCheckAgreesWithTheNameCheck() {
        for (String name : List.of("a.MP4", "b.mkv", "c.Mkv", ".hidden.mp4", "noext", "x.mp4.txt", "y.txt.mp4",
                "ünïcødé.MKV", "film.mp\u0130", "dots.", ".", "e.mp4 ", "d.mp4")) {
            String text = "/media/dir.mp4/" + name;
            assertEquals(rules.includesFile(name), rules.includesFile(text, text.lastIndexOf('/') + 1), name);
        }
    }
}
