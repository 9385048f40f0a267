package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code PathRules} is responsible for deciding which folders the scanner enters and which files it catalogs:
 * included extensions (case-insensitive), excluded folder names and paths, hidden entries and system folders.
 */
final class PathRules {

    private final Set<String> extensions;
    private final Set<String> excludeNames;
    private final List<Path> excludePaths;

    PathRules(Set<String> extensions, Set<String> excludeNames, List<Path> excludePaths) {
        this.extensions = Set.copyOf(extensions);
        this.excludeNames = Set.copyOf(excludeNames);
        this.excludePaths = List.copyOf(excludePaths);
    }

    Set<String> extensions() {
        return extensions;
    }

    /** Whether the walk goes into {@code dir} (a folder below a media root). */
    boolean entersDirectory(Path dir) {
        String name = nameOf(dir);
        String lower = name.toLowerCase(Locale.ROOT);
        return !isHidden(name) && !ScannerConstants.SYSTEM_FOLDERS.contains(lower) && !excludeNames.contains(lower)
                && excludePaths.stream().noneMatch(dir::startsWith);
    }

    /** Whether every folder from {@code root} (exclusive) down to {@code dir} (inclusive) may be entered. */
    boolean entersPath(Path root, Path dir) {
        for (Path current = dir; current != null && !current.equals(root); current = current.getParent()) {
            if (!entersDirectory(current)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a regular file with this name is a media file to catalog. */
    boolean includesFile(String name) {
        return !isHidden(name) && extensions.contains(extensionOf(name));
    }

    /**
     * {@link #includesFile(String)} for the name that starts at {@code nameStart} in {@code text} (a path's text),
     * without copying it: a walk asks this for every file.
     */
    boolean includesFile(String text, int nameStart) {
        if (hidden(text, nameStart)) {
            return false;
        }
        int dot = text.lastIndexOf('.');
        if (dot <= nameStart) {
            return extensions.contains("");
        }
        int length = text.length() - dot;
        for (int i = dot; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return includesFile(text.substring(nameStart)); // case rules beyond ASCII: the exact way
            }
        }
        for (String extension : extensions) {
            if (extension.length() == length && text.regionMatches(true, dot, extension, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the name that starts at {@code nameStart} in {@code text} is hidden (starts with a dot). */
    static boolean hidden(String text, int nameStart) {
        return nameStart < text.length() && text.charAt(nameStart) == '.';
    }

    /** Lower-case extension with its dot ({@code .mkv}), or empty when the name has none. */
    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    private static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }
}
