package org.giggityflix.peer.shell.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code PeerLogLines} is responsible for finding the peer's own recent log entries in Karaf's log files: entries
 * whose bundle is an {@code org.giggityflix.*} bundle (Karaf's pattern writes the bundle name in the fourth column),
 * with their stack-trace lines, oldest first.
 */
final class PeerLogLines {

    /** An entry starts with an ISO-8601 timestamp; anything else continues the entry before it. */
    private static final Pattern ENTRY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private PeerLogLines() {
    }

    /**
     * The last {@code count} peer entries of {@code files} (read in the order given: the rotated file first), at
     * {@code minLevel} or above.
     */
    static List<String> tail(List<Path> files, int count, String minLevel) throws IOException {
        int min = Math.max(0, LEVELS.indexOf(minLevel.toUpperCase(Locale.ROOT)));
        Deque<List<String>> last = new ArrayDeque<>(count + 1);
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<String> current = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (ENTRY.matcher(line).matches()) {
                        current = isPeer(line) && level(line) >= min ? new ArrayList<>() : null;
                        if (current != null) {
                            current.add(line);
                            last.addLast(current);
                            if (last.size() > count) {
                                last.removeFirst();
                            }
                        }
                    } else if (current != null) {
                        current.add(line);
                    }
                }
            } catch (java.nio.charset.MalformedInputException e) {
                // a line cut mid-character by rotation: keep what was read
            }
        }
        List<String> out = new ArrayList<>();
        last.forEach(out::addAll);
        return out;
    }

    /** Karaf's pattern: {@code date | level | thread | logger | bundle.id - bundle.name - version | message}. */
    static boolean isPeer(String line) {
        String[] columns = line.split(" \\| ", 6);
        return columns.length >= 5 && columns[4].contains(" - org.giggityflix.");
    }

    private static int level(String line) {
        String[] columns = line.split(" \\| ", 3);
        return columns.length < 2 ? 0 : Math.max(0, LEVELS.indexOf(columns[1].trim()));
    }
}
