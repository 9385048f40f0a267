package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code ScanScope} is responsible for saying what one scan covers: every media root, or only some folders (after
 * watch events), incrementally or in full; and whether one scope already covers another.
 *
 * @param everything every configured media root
 * @param folders    the folders to rescan when not {@code everything}
 * @param full       ignore the size+mtime shortcut
 */
record ScanScope(boolean everything, Set<Path> folders, boolean full) {

    ScanScope {
        folders = Set.copyOf(folders);
    }

    static ScanScope everything(boolean full) {
        return new ScanScope(true, Set.of(), full);
    }

    static ScanScope folders(Set<Path> folders) {
        return new ScanScope(false, folders, false);
    }

    /** Whether running this scope also serves a request for {@code other}. */
    boolean covers(ScanScope other) {
        if (other.full && !full) {
            return false;
        }
        return everything || (!other.everything && other.folders.stream().allMatch(this::coversFolder));
    }

    ScanScope mergedWith(ScanScope other) {
        boolean all = everything || other.everything;
        Set<Path> union = new HashSet<>();
        if (!all) {
            union.addAll(folders);
            union.addAll(other.folders);
        }
        return new ScanScope(all, union, full || other.full);
    }

    private boolean coversFolder(Path folder) {
        return folders.stream().anyMatch(folder::startsWith);
    }
}
