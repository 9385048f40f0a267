package org.giggityflix.peer.core.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DataDirectory} is responsible for turning the configured DATA_DIR text into an existing, writable folder.
 */
final class DataDirectory {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private DataDirectory() {
    }

    /**
     * Expands a leading {@code ~} and {@code ${name}} system properties; ConfigAdmin does not, and the metatype
     * default must not bake one user's home into the distribution.
     */
    static Path expand(String raw, UnaryOperator<String> systemProperty) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            throw new PeerSetupException("DATA_DIR is empty: set DATA_DIR (dataDir in " + CoreConstants.PEER_PID
                    + ") to a folder, or remove it to use " + CoreConstants.DEFAULT_DATA_DIR);
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = "${user.home}" + text.substring(1);
        }
        return Path.of(replacePlaceholders(text, systemProperty)).toAbsolutePath().normalize();
    }

    private static String replacePlaceholders(String text, UnaryOperator<String> systemProperty) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = systemProperty.apply(m.group(1));
            if (value == null) {
                throw new PeerSetupException("DATA_DIR '" + text + "' uses ${" + m.group(1)
                        + "}, which is not a system property");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Creates the folder if needed and proves it is writable by creating and removing a file in it. */
    static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PeerSetupException("DATA_DIR " + dir + " cannot be created (" + describe(e)
                    + "): set DATA_DIR (dataDir in " + CoreConstants.PEER_PID + ") to a writable folder", e);
        }
        try {
            Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw new PeerSetupException("DATA_DIR " + dir + " is not writable (" + describe(e)
                    + "): fix its permissions or set DATA_DIR (dataDir in " + CoreConstants.PEER_PID
                    + ") to a writable folder", e);
        }
        return dir;
    }

    /** Java's IOException messages are often just a path; say what went wrong with it. */
    static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        String reason = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + reason;
    }
}
