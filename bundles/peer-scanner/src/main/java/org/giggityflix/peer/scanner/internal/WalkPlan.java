package org.giggityflix.peer.scanner.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * {@code WalkPlan} is responsible for what one scan walks and in which order: the folders (every media root, or the
 * watched folders a targeted scan names, each under its root, a deleted one replaced by what is left of its
 * parents, none inside another), the roots with cataloged files first, and whether a file found without a row can
 * only be new — so that it may be cataloged while the walk goes on.
 */
final class WalkPlan {

    /** A walk target: a folder to walk and the media root it belongs to. */
    record Target(Path root, Path start) {
    }

    private final ScanContext context;
    private final ScanScope scope;
    private final Map<Path, List<Target>> byRoot;
    private final List<Path> order;
    private final boolean firstScan;
    private final Set<Path> cataloged = new HashSet<>();

    WalkPlan(ScanContext context, ScanScope scope, PathRules rules) {
        this.context = context;
        this.scope = scope;
        this.byRoot = targets(context.settings().mediaDirs(), scope, rules).stream()
                .collect(Collectors.groupingBy(Target::root, LinkedHashMap::new, Collectors.toList()));
        this.firstScan = nothingCouldHaveMoved(byRoot.keySet());
        this.order = new ArrayList<>(byRoot.keySet());
        if (scope.everything() && !firstScan) {
            order.stream().filter(this::hasLiveRows).forEach(cataloged::add);
            // Roots with cataloged files first (a stable sort: configured order otherwise), so that a media dir
            // added to a cataloged library can be cataloged while it is walked, and the paths already cataloged
            // keep winning over a second way to the same file.
            order.sort(Comparator.comparing(root -> !cataloged.contains(root)));
        }
    }

    /** The roots to walk, in order. */
    List<Path> roots() {
        return order;
    }

    /** The folders to walk under {@code root} (the root itself for a full scan). */
    List<Target> targets(Path root) {
        return byRoot.get(root);
    }

    /**
     * Whether a file found under {@code root} without a row can only be new: a first scan, or {@code root} has no
     * live row, it is walked after every root that has some ({@link #roots}), and each of those had every live row
     * found again ({@code everyLiveRowFound}) — so nothing is gone that the file could be a move of — and nothing was
     * deleted recently either (a move claims it by inode).
     */
    boolean onlyNewFilesUnder(Path root, boolean everyLiveRowFound) {
        return firstScan || (scope.everything() && context.recentlyGone().isEmpty() && !cataloged.contains(root)
                && everyLiveRowFound);
    }

    private boolean hasLiveRows(Path root) {
        return context.known().rowsUnder(context.catalog(), root).live() > 0;
    }

    /**
     * Whether a file without a row can only be new: no live row under any root of this scan (none can be gone, so
     * none can have moved) and no recently deleted row to claim by inode — a first scan. A rescan finds a live row
     * under its first root at once (the snapshot's map), so it pays nothing for the check.
     */
    private boolean nothingCouldHaveMoved(Collection<Path> roots) {
        if (!context.recentlyGone().isEmpty()) {
            return false;
        }
        for (Path root : roots) {
            if (hasLiveRows(root)) {
                return false;
            }
        }
        return true;
    }

    private static List<Target> targets(List<Path> roots, ScanScope scope, PathRules rules) {
        if (scope.everything()) {
            return roots.stream().map(root -> new Target(root, root)).toList();
        }
        List<Target> targets = new ArrayList<>();
        scope.folders().stream().sorted(Comparator.comparingInt(Path::getNameCount)).forEach(folder ->
                rootOf(roots, folder).ifPresent(root -> addTarget(targets, root, folder, rules)));
        return targets;
    }

    private static void addTarget(List<Target> targets, Path root, Path folder, PathRules rules) {
        Path start = folder;
        // A folder deleted since the event: rescan what is left of its parents (and see its files gone).
        while (!start.equals(root) && !Files.isDirectory(start)) {
            start = start.getParent();
        }
        Path chosen = start;
        boolean covered = targets.stream().anyMatch(t -> chosen.startsWith(t.start()));
        if (!covered && rules.entersPath(root, chosen)) {
            targets.add(new Target(root, chosen));
        }
    }

    private static Optional<Path> rootOf(List<Path> roots, Path folder) {
        return roots.stream().filter(folder::startsWith).max(Comparator.comparingInt(Path::getNameCount));
    }
}
