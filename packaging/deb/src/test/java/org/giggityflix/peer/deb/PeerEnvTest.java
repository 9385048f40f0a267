package org.giggityflix.peer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code PeerEnvTest} is responsible for keeping the package's environment file complete: every variable of
 * docs/configuration.md's table is in {@code /etc/giggityflix-peer/peer.env}, commented with its default, so an
 * owner finds every setting in one place.
 */
class PeerEnvTest {

    @Test
    void everyVariableOfTheConfigurationTableIsInTheEnvironmentFile() throws IOException {
        Path docs = Path.of(System.getProperty("configuration.md", "../../docs/configuration.md"));
        String env = Files.readString(Path.of("src/deb/etc/peer.env"));
        Matcher row = Pattern.compile("(?m)^\\| ([A-Z][A-Z0-9_]+) \\|").matcher(Files.readString(docs));
        List<String> variables = row.results().map(r -> r.group(1)).toList();
        assertFalse(variables.isEmpty(), "the table has variables");
        List<String> missing = variables.stream()
                .filter(v -> !Pattern.compile("(?m)^#?" + v + "=").matcher(env).find())
                .toList();
        assertEquals(List.of(), missing, "variables of docs/configuration.md missing from peer.env");
    }
}
