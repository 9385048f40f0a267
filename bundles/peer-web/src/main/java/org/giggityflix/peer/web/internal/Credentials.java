package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code Credentials} is responsible for noticing password changes: it gives, for a user, a digest of what the
 * console realm stores for them ({@code etc/users.properties}, the password field), so a session can remember it at
 * sign-in and end when it differs ({@code bin/peer passwd}, {@code jaas:} commands). The file is read again only
 * when its modification time or size changed.
 */
interface Credentials {

    /** A stamp of {@code user}'s stored credential; empty when the user or the file is unknown. */
    String stamp(String user);

    /** Never changes (tests, or no file to watch). */
    Credentials NONE = user -> "";

    /** The properties realm file. */
    static Credentials usersFile(Path file) {
        return new UsersFile(file);
    }

    /** Reads {@code user = password[,group...]} lines; keeps only digests. */
    final class UsersFile implements Credentials {
        private final Path file;
        private volatile Snapshot snapshot = new Snapshot(null, -1, -1, Map.of());

        private record Snapshot(Object fileKey, long modified, long size, Map<String, String> stamps) {
        }

        UsersFile(Path file) {
            this.file = file;
        }

        @Override
        public String stamp(String user) {
            return current().stamps().getOrDefault(user, "");
        }

        private Snapshot current() {
            Snapshot s = snapshot;
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                if (modified == s.modified() && a.size() == s.size() && Objects.equals(a.fileKey(), s.fileKey())) {
                    return s;
                }
                s = new Snapshot(a.fileKey(), modified, a.size(),
                        parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                s = new Snapshot(null, -1, -1, Map.of());
            }
            snapshot = s;
            return s;
        }

        static Map<String, String> parse(List<String> lines) {
            Map<String, String> stamps = new HashMap<>();
            for (String line : lines) {
                String t = line.trim();
                int eq = t.indexOf('=');
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || eq < 0) {
                    continue;
                }
                String user = t.substring(0, eq).trim().replace("\\", "");
                String value = t.substring(eq + 1).trim();
                int comma = value.indexOf(',');
                stamps.put(user, digest(comma < 0 ? value : value.substring(0, comma)));
            }
            return Map.copyOf(stamps);
        }

        private static String digest(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
