package org.giggityflix.peer.scanner.internal;

import static org.giggityflix.peer.scanner.internal.ScannerConstants.*;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ScannerSettings} is responsible for reading the scanner's configuration leniently: every bad value
 * becomes a problem line and the default, never an exception, so a typo in {@code etc/*.cfg} cannot stop the
 * scanner.
 *
 * @param mediaDirs           absolute, normalised media folders in configured order
 * @param includeExtensions   lower-case extensions with their dot
 * @param excludeNames        folder names never entered (lower case)
 * @param excludePaths        absolute folders never entered
 * @param scanIntervalMinutes minutes between periodic scans, 0 for none
 * @param hashAlgorithms      canonical algorithm names, in configured order
 * @param extractMetadata     whether files are probed
 * @param watchEnabled        whether folders are watched live
 * @param readersPerDrive     concurrent hashing reads per drive
 * @param settleSeconds       quiet time before a changing file is hashed
 * @param problems            what was wrong with the configuration, one line each
 */
public record ScannerSettings(
        List<Path> mediaDirs,
        Set<String> includeExtensions,
        Set<String> excludeNames,
        List<Path> excludePaths,
        int scanIntervalMinutes,
        Set<String> hashAlgorithms,
        boolean extractMetadata,
        boolean watchEnabled,
        int readersPerDrive,
        int settleSeconds,
        List<String> problems) {

    public ScannerSettings {
        mediaDirs = List.copyOf(mediaDirs);
        includeExtensions = Set.copyOf(includeExtensions);
        excludeNames = Set.copyOf(excludeNames);
        excludePaths = List.copyOf(excludePaths);
        hashAlgorithms = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(hashAlgorithms));
        problems = List.copyOf(problems);
    }

    /** Settings from ConfigAdmin properties (or any map); missing keys take their defaults. */
    public static ScannerSettings parse(Map<String, ?> properties) {
        return new Parser(properties == null ? Map.of() : properties).parse();
    }

    /** Splits a comma list (or an array / collection of them), trimming and dropping empty items. */
    static List<String> commaList(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof String[] array) {
            Arrays.stream(array).forEach(item -> items.addAll(commaList(item)));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> items.addAll(commaList(item)));
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** The parsing, kept apart so that each property is one short method collecting into one problem list. */
    private static final class Parser {

        private final Map<String, ?> properties;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, ?> properties) {
            this.properties = properties;
        }

        ScannerSettings parse() {
            List<Path> excludePaths = new ArrayList<>();
            Set<String> excludeNames = new LinkedHashSet<>();
            parseExcludes(excludePaths, excludeNames);
            return new ScannerSettings(mediaDirs(), extensions(), excludeNames, excludePaths,
                    intValue(SCAN_INTERVAL_MINUTES, DEFAULT_SCAN_INTERVAL_MINUTES, 0),
                    algorithms(),
                    boolValue(EXTRACT_METADATA, DEFAULT_EXTRACT_METADATA),
                    boolValue(WATCH_ENABLED, DEFAULT_WATCH_ENABLED),
                    intValue(READERS_PER_DRIVE, DEFAULT_READERS_PER_DRIVE, 1),
                    intValue(SETTLE_SECONDS, DEFAULT_SETTLE_SECONDS, 0),
                    problems);
        }

        private List<Path> mediaDirs() {
            Set<Path> dirs = new LinkedHashSet<>();
            for (String item : commaList(properties.get(MEDIA_DIRS))) {
                toAbsolutePath(MEDIA_DIRS, item).ifPresent(dirs::add);
            }
            return new ArrayList<>(dirs);
        }

        private Set<String> extensions() {
            Set<String> extensions = new LinkedHashSet<>();
            for (String item : commaList(valueOr(INCLUDE_EXTENSIONS, DEFAULT_INCLUDE_EXTENSIONS))) {
                String lower = item.toLowerCase(Locale.ROOT);
                extensions.add(lower.startsWith(".") ? lower : "." + lower);
            }
            extensions.remove(".");
            if (extensions.isEmpty()) {
                problems.add(INCLUDE_EXTENSIONS + " is empty; using the default " + DEFAULT_INCLUDE_EXTENSIONS);
                commaList(DEFAULT_INCLUDE_EXTENSIONS).forEach(extensions::add);
            }
            return extensions;
        }

        private void parseExcludes(List<Path> paths, Set<String> names) {
            for (String item : commaList(properties.get(EXCLUDE_DIRS))) {
                if (item.contains("/") || item.contains("\\")) {
                    toAbsolutePath(EXCLUDE_DIRS, item).ifPresent(paths::add);
                } else {
                    names.add(item.toLowerCase(Locale.ROOT));
                }
            }
        }

        private Set<String> algorithms() {
            Set<String> names = AlgorithmNames.normaliseAll(
                    commaList(valueOr(HASH_ALGORITHMS, DEFAULT_HASH_ALGORITHMS)));
            if (names.isEmpty()) {
                problems.add(HASH_ALGORITHMS + " is empty; using the default " + DEFAULT_HASH_ALGORITHMS);
                names = AlgorithmNames.normaliseAll(commaList(DEFAULT_HASH_ALGORITHMS));
            }
            return names;
        }

        private java.util.Optional<Path> toAbsolutePath(String property, String item) {
            try {
                Path path = Path.of(item);
                if (!path.isAbsolute()) {
                    problems.add(property + ": '" + item + "' is not an absolute path; ignored");
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(path.normalize());
            } catch (InvalidPathException e) {
                problems.add(property + ": '" + item + "' is not a valid path; ignored");
                return java.util.Optional.empty();
            }
        }

        private Object valueOr(String property, String fallback) {
            Object value = properties.get(property);
            return value == null ? fallback : value;
        }

        private int intValue(String property, int fallback, int min) {
            Object raw = properties.get(property);
            if (raw == null || raw.toString().isBlank()) {
                return fallback;
            }
            try {
                int value = raw instanceof Number number ? Math.toIntExact(number.longValue())
                        : Integer.parseInt(raw.toString().trim());
                if (value >= min) {
                    return value;
                }
                problems.add(property + " must be at least " + min + ", was " + value + "; using " + fallback);
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(property + " is not a whole number: '" + raw + "'; using " + fallback);
            }
            return fallback;
        }

        private boolean boolValue(String property, boolean fallback) {
            Object raw = properties.get(property);
            if (raw instanceof Boolean value) {
                return value;
            }
            if (raw == null || raw.toString().isBlank()) {
                return fallback;
            }
            String text = raw.toString().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            problems.add(property + " is not true or false: '" + raw + "'; using " + fallback);
            return fallback;
        }
    }
}
