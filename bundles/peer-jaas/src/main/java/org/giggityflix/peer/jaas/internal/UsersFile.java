package org.giggityflix.peer.jaas.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UsersFile} is responsible for rewriting stored passwords in Karaf's {@code etc/users.properties} in place:
 * every other line (comments, groups, other users) kept as it was, the new file owner-only and swapped in with one
 * rename, so a sign-in reading it meanwhile sees the old file or the new one, never half of one.
 */
final class UsersFile {

    private final Path path;

    UsersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
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
            Path temp = path.resolveSibling(path.getFileName() + ".upgrade");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, out, StandardCharsets.ISO_8859_1);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return replaced;
    }
}
