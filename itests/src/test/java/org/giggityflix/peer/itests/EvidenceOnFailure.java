package org.giggityflix.peer.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * {@code EvidenceOnFailure} is responsible for keeping what the container knew when a test failed: a JUnit rule that
 * runs inside the booted Karaf and, on a failure, copies its {@code data/log/karaf.log} to
 * {@code target/surefire-reports/<class>-karaf.log} beside Surefire's own reports (a clean-clone CI run keeps that
 * folder; the container's own folder is deleted when the class ends), after a header naming the test and the failure
 * and the container's {@code etc/users.properties} with every password replaced by its form (hashed or plain text,
 * never the value). A later failure in the same class writes the file again with the longer log.
 */
public final class EvidenceOnFailure extends TestWatcher {

    private final Path karafBase;
    private final Path reports;

    /**
     * @param karafBase the container's {@code karaf.base}
     * @param reports   where Surefire writes its reports ({@code target/surefire-reports})
     */
    public EvidenceOnFailure(Path karafBase, Path reports) {
        this.karafBase = karafBase;
        this.reports = reports;
    }

    @Override
    protected void failed(Throwable e, Description description) {
        try {
            Path file = keep(description.getClassName(), description.getMethodName(), e);
            System.err.println("the container's log and users are kept in " + file);
        } catch (IOException | RuntimeException problem) {
            System.err.println("could not keep the container's log: " + problem);
        }
    }

    /** Writes the evidence for {@code className}'s failed {@code method}; returns the file. */
    Path keep(String className, String method, Throwable failure) throws IOException {
        Files.createDirectories(reports);
        Path file = reports.resolve(className + "-karaf.log");
        Path temp = reports.resolve(className + "-karaf.log.part");
        List<String> header = new ArrayList<>();
        header.add("# " + className + "." + method + " failed at " + Instant.now() + ": " + firstLine(failure));
        header.add("# etc/users.properties then (passwords replaced by their form):");
        Path users = karafBase.resolve("etc/users.properties");
        if (Files.isRegularFile(users)) {
            for (String line : Files.readAllLines(users, StandardCharsets.ISO_8859_1)) {
                String masked = maskPassword(line);
                if (masked != null) {
                    header.add("#   " + masked);
                }
            }
        } else {
            header.add("#   (no " + users + ")");
        }
        Path log = karafBase.resolve("data/log/karaf.log");
        header.add("# " + log + ":");
        Files.write(temp, header, StandardCharsets.UTF_8);
        if (Files.isRegularFile(log)) {
            Files.write(temp, Files.readAllBytes(log), java.nio.file.StandardOpenOption.APPEND);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * A users.properties line with its password field replaced by its form ({@code <hashed {CRYPT}pbkdf2-sha256…>},
     * {@code <plain text, 14 characters>}); groups and comments are kept; {@code null} for blank lines.
     */
    static String maskPassword(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return null;
        }
        int eq = t.indexOf('=');
        if (t.startsWith("#") || t.startsWith("!") || eq < 0) {
            return t.startsWith("#") || t.startsWith("!") ? null : t;
        }
        String user = t.substring(0, eq).strip();
        String value = t.substring(eq + 1).strip();
        int comma = value.indexOf(',');
        String password = comma < 0 ? value : value.substring(0, comma);
        String rest = comma < 0 ? "" : value.substring(comma);
        if (user.startsWith("_g_")) {
            return user + " = " + value;
        }
        String form;
        if (password.startsWith("{CRYPT}")) {
            int scheme = password.indexOf('$');
            form = "<hashed " + (scheme > 0 ? password.substring(0, scheme) : "{CRYPT}") + "…>";
        } else {
            form = "<plain text, " + password.length() + " characters>";
        }
        return user + " = " + form + rest;
    }

    private static String firstLine(Throwable e) {
        String text = String.valueOf(e);
        int line = text.indexOf('\n');
        return line < 0 ? text : text.substring(0, line);
    }
}
