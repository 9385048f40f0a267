package org.giggityflix.peer.jaas.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code UsersFile} is responsible for rewriting stored passwords in Karaf's {@code etc/users.properties} in place:
 * every other line (comments, groups, other users) kept as it was, the new file owner-only and swapped in with one
 * rename, so a sign-in reading it meanwhile sees the old file or the new one, never half of one; and for hashing the
 * passwords an owner typed into it in plain text.
 */
final class UsersFile {

    private final Path path;

    UsersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What Karaf's properties module writes around a stored hash ({@code encryption.prefix}/{@code suffix}). */
    static final String MARKER = "{CRYPT}";

    /**
     * Hashes every password stored in plain text (a user's entry whose password field is not between the markers),
     * keeping the rest of each line and every other line; returns how many. Entries whose password holds a backslash
     * (a properties escape) are left to Karaf.
     */
    synchronized int hashPlainEntries(Function<char[], String> hash) throws IOException {
        if (!Files.isRegularFile(path)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(lines.size());
        int hashed = 0;
        for (String line : lines) {
            String trimmed = line.strip();
            int eq = line.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || eq < 0
                    || trimmed.startsWith("_g_")) {
                out.add(line);
                continue;
            }
            String value = line.substring(eq + 1).strip();
            int comma = value.indexOf(',');
            String password = comma < 0 ? value : value.substring(0, comma);
            if (password.isEmpty() || password.contains("\\")
                    || (password.startsWith(MARKER) && password.endsWith(MARKER))) {
                out.add(line);
                continue;
            }
            char[] plain = password.toCharArray();
            try {
                out.add(line.substring(0, eq).stripTrailing() + " = " + MARKER + hash.apply(plain) + MARKER
                        + (comma < 0 ? "" : value.substring(comma)));
            } finally {
                Arrays.fill(plain, '\0');
            }
            hashed++;
        }
        if (hashed > 0) {
            swapIn(out);
        }
        return hashed;
    }

    /** Replaces the stored value {@code from} with {@code to} in every entry holding it; returns how many. */
    synchronized int replace(String from, String to) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(lines.size());
        int replaced = 0;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith("#") && !trimmed.startsWith("!") && line.contains(from)) {
                line = line.replace(from, to);
                replaced++;
            }
            out.add(line);
        }
        if (replaced > 0) {
            swapIn(out);
        }
        return replaced;
    }

    /** Writes {@code lines} to an owner-only file beside it and renames that over it. */
    private void swapIn(List<String> lines) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".upgrade");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, lines, StandardCharsets.ISO_8859_1);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
