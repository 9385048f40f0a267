package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@code ScanScopeTest} is responsible for which running scan serves which request. */
class ScanScopeTest {

    @Test
    void incrementalRequestsJoinAnyEverythingScanButFullOnesOnlyAFullScan() {
        assertTrue(ScanScope.everything(false).covers(ScanScope.everything(false)));
        assertFalse(ScanScope.everything(false).covers(ScanScope.everything(true)));
        assertTrue(ScanScope.everything(true).covers(ScanScope.everything(false)));
        assertTrue(ScanScope.everything(false).covers(ScanScope.folders(Set.of(Path.of("/m/a")))));
    }

    @Test
    void folderScopesCoverTheirSubfoldersAndMergeIntoOne() {
        ScanScope a = ScanScope.folders(Set.of(Path.of("/m/a")));
        assertTrue(a.covers(ScanScope.folders(Set.of(Path.of("/m/a/b")))));
        assertFalse(a.covers(ScanScope.folders(Set.of(Path.of("/m/b")))));
        assertFalse(a.covers(ScanScope.everything(false)));

        ScanScope merged = a.mergedWith(ScanScope.folders(Set.of(Path.of("/m/b"))));
        assertEquals(Set.of(Path.of("/m/a"), Path.of("/m/b")), merged.folders());
        assertTrue(a.mergedWith(ScanScope.everything(true)).everything());
        assertTrue(a.mergedWith(ScanScope.everything(true)).full());
    }
}
