package org.giggityflix.peer.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PeerIdentityTest} is responsible for proving how the peer id and DATA_DIR are decided: generated once and
 * kept, PEER_ID first, and clear refusals when neither is possible.
 */
class PeerIdentityTest {

    @TempDir
    Path tmp;

    private final AtomicInteger generated = new AtomicInteger();
    private final PeerIdentityResolver resolver = new PeerIdentityResolver(
            Map.of("user.home", "/home/test")::get, () -> "generated-" + generated.incrementAndGet());

    @Test
    void idIsGeneratedOnceAndStableAcrossActivations() throws IOException {
        Path dataDir = tmp.resolve("data");

        PeerIdentityComponent first = new PeerIdentityComponent(config("", true, dataDir.toString()), resolver);
        PeerIdentityComponent second = new PeerIdentityComponent(config("", true, dataDir.toString()), resolver);

        assertEquals("generated-1", first.peerId());
        assertEquals(first.peerId(), second.peerId());
        assertEquals(1, generated.get(), "generated only once");
        assertEquals(dataDir, first.dataDir());
        assertEquals("generated-1\n", Files.readString(dataDir.resolve("peer-id")));
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(1, files.count(), "no temp or probe files left behind");
        }
    }

    @Test
    void standardResolverGeneratesAUuid() {
        ResolvedPeerIdentity id = PeerIdentityResolver.standard().resolve(null, true, tmp.toString());

        assertTrue(id.peerId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id.peerId());
        assertTrue(id.generated());
    }

    @Test
    void peerIdWinsOverGeneratedId() throws IOException {
        Files.writeString(tmp.resolve("peer-id"), "old-generated\n");

        ResolvedPeerIdentity id = resolver.resolve(" peer-42 ", true, tmp.toString());

        assertEquals("peer-42", id.peerId());
        assertFalse(id.generated());
        assertEquals(0, generated.get());
        assertEquals("old-generated\n", Files.readString(tmp.resolve("peer-id")), "generated id kept for later");
    }

    @Test
    void neitherPeerIdNorAutoGenerateFailsNamingBoth() {
        PeerSetupException e = assertThrows(PeerSetupException.class,
                () -> new PeerIdentityComponent(config("", false, tmp.toString()), resolver));

        assertTrue(e.getMessage().contains("PEER_ID"), e.getMessage());
        assertTrue(e.getMessage().contains("AUTO_GENERATE_ID"), e.getMessage());
    }

    @Test
    void dataDirThatCannotBeCreatedFailsClearly() throws IOException {
        // A path under a regular file fails even for root.
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        String dataDir = file.resolve("sub").toString();

        PeerSetupException e = assertThrows(PeerSetupException.class,
                () -> resolver.resolve("peer-1", true, dataDir));

        assertTrue(e.getMessage().startsWith("DATA_DIR " + dataDir + " cannot be created"), e.getMessage());
        assertTrue(e.getMessage().contains("writable folder"), e.getMessage());
    }

    @Test
    void corruptIdFileIsRefusedNotReplaced() throws IOException {
        Path idFile = tmp.resolve("peer-id");
        Files.write(idFile, new byte[] {(byte) 0xff, 0x00, 0x41});

        PeerSetupException e = assertThrows(PeerSetupException.class, () -> resolver.resolve("", true,
                tmp.toString()));

        assertTrue(e.getMessage().contains("does not hold a valid peer id"), e.getMessage());
        assertEquals(3, Files.size(idFile), "left as it was");
        assertEquals(0, generated.get());
    }

    @Test
    void emptyIdFileIsRefused() throws IOException {
        Files.writeString(tmp.resolve("peer-id"), "\n", StandardCharsets.UTF_8);

        PeerSetupException e = assertThrows(PeerSetupException.class, () -> resolver.resolve("", true,
                tmp.toString()));

        assertTrue(e.getMessage().contains("it is empty"), e.getMessage());
    }

    @Test
    void peerIdWithSpacesIsRefused() {
        PeerSetupException e = assertThrows(PeerSetupException.class,
                () -> resolver.resolve("my peer", true, tmp.toString()));

        assertTrue(e.getMessage().startsWith("PEER_ID"), e.getMessage());
    }

    @Test
    void dataDirExpandsTildeAndSystemProperties() {
        assertEquals(Path.of("/home/test/.giggityflix"),
                DataDirectory.expand("~/.giggityflix", Map.of("user.home", "/home/test")::get));
        assertEquals(Path.of("/home/test/.giggityflix"),
                DataDirectory.expand(CoreConstants.DEFAULT_DATA_DIR, Map.of("user.home", "/home/test")::get));
        assertThrows(PeerSetupException.class, () -> DataDirectory.expand("${nope}/x", k -> null));
        assertThrows(PeerSetupException.class, () -> DataDirectory.expand(" ", k -> null));
    }

    private static PeerConfig config(String peerId, boolean autoGenerateId, String dataDir) {
        return new PeerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PeerConfig.class;
            }

            @Override
            public String peerId() {
                return peerId;
            }

            @Override
            public boolean autoGenerateId() {
                return autoGenerateId;
            }

            @Override
            public String dataDir() {
                return dataDir;
            }
        };
    }
}
