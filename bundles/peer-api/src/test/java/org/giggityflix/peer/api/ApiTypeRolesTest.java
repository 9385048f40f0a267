package org.giggityflix.peer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code ApiTypeRolesTest} is responsible for holding peer-api to its versioning rule: every interface says who
 * implements it, {@code @ProviderType} (the peer's own bundles) or {@code @ConsumerType} (plug-ins), because bnd
 * derives both the import ranges of implementers and the baseline's verdict on a change from that mark. The
 * annotations have class retention, so the test reads the compiled class files.
 */
class ApiTypeRolesTest {

    private static final String PROVIDER = "Lorg/osgi/annotation/versioning/ProviderType;";
    private static final String CONSUMER = "Lorg/osgi/annotation/versioning/ConsumerType;";

    @Test
    void everyInterfaceSaysWhoImplementsIt() throws Exception {
        Path classes = Path.of(PeerIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> unmarked = new ArrayList<>();
        List<String> both = new ArrayList<>();
        int interfaces = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!type.isInterface() || type.isAnnotation()) {
                    continue;
                }
                interfaces++;
                String bytes = read(file);
                boolean provider = bytes.contains(PROVIDER);
                boolean consumer = bytes.contains(CONSUMER);
                if (!provider && !consumer) {
                    unmarked.add(name);
                } else if (provider && consumer) {
                    both.add(name);
                }
            }
        }
        assertTrue(interfaces > 20, "found only " + interfaces + " interfaces under " + classes);
        assertEquals(List.of(), unmarked, "interfaces without @ProviderType or @ConsumerType");
        assertEquals(List.of(), both, "interfaces marked both @ProviderType and @ConsumerType");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
