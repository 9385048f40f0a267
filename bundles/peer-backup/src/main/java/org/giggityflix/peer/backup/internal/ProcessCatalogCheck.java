package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code ProcessCatalogCheck} is responsible for asking the installed catalog bundle itself (its
 * {@code CatalogFileCheck}, in a JVM of its own with the SQLite driver) about a catalog file, so that the restore
 * tool knows exactly the schema versions this distribution's catalog can open without depending on its classes.
 */
final class ProcessCatalogCheck implements CatalogCheck {

    static final String CHECK_CLASS = "org.giggityflix.peer.catalog.internal.CatalogFileCheck";

    private final String java;
    private final String classpath;

    /** @param classpath the catalog bundle's jar and the SQLite driver's jar */
    ProcessCatalogCheck(String java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    @Override
    public Result check(Path catalogFile) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, CHECK_CLASS,
                catalogFile.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the catalog check did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the catalog", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the catalog check failed (exit " + process.exitValue() + "): " + out.trim());
        }
        return parse(out);
    }

    static Result parse(String out) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(out));
        String newest = p.getProperty("newestKnown");
        if (newest == null) {
            throw new IOException("the catalog check said nothing usable: " + out.trim());
        }
        return new Result(Integer.parseInt(p.getProperty("schemaVersion", "-1").trim()),
                Integer.parseInt(newest.trim()), p.getProperty("integrity", "not checked").trim());
    }
}
