package org.giggityflix.peer.shell.internal;

import static org.giggityflix.peer.shell.internal.StatusCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.junit.jupiter.api.Test;

/**
 * {@code ProvidersCommandTest} is responsible for proving {@code peer:providers} lists each plugin with its name,
 * ranking and bundle, and that the completers offer what is installed.
 */
class ProvidersCommandTest {

    private final FakeBundleContext registry = new FakeBundleContext();

    @Test
    void listsEveryProviderWithNameRankingAndBundle() {
        registry.register(HashProvider.class.getName(), hash("sha1"), Map.of("algorithm", "sha1"),
                "org.giggityflix.peer.hash.jdk", 51, "0.1.0.SNAPSHOT");
        registry.register(HashProvider.class.getName(), hash("blake3"), Map.of("service.ranking", 10),
                "org.giggityflix.peer.hash.blake3", 52, "0.1.0");
        registry.register(MediaProbe.class.getName(), probe(), Map.of(), "org.giggityflix.peer.media.ffmpeg", 60,
                "1.2.3");
        registry.register(StreamingTransport.class.getName(), transport(), Map.of("transport", "http"),
                "org.giggityflix.peer.stream.http", 70, "1.0.0");
        ProvidersCommand c = new ProvidersCommand();
        c.bundleContext = registry.context();

        String out = Fakes.output(c::run);

        List<String> lines = out.lines().toList();
        assertTrue(line(lines, "blake3") < line(lines, "sha1"), "higher ranking first:\n" + out);
        assertContains(out, "org.giggityflix.peer.hash.jdk");
        assertContains(out, "0.1.0.SNAPSHOT");
        assertTrue(lines.get(line(lines, "blake3")).contains("10"), out);
        assertContains(out, ".mkv .mp4");
        assertContains(out, "http");
        assertEquals(2, registry.ungets, "services asked for their names are released");
    }

    @Test
    void emptyRegistrySaysSo() {
        ProvidersCommand c = new ProvidersCommand();
        c.bundleContext = registry.context();

        assertContains(Fakes.output(c::run), "No providers installed.");
    }

    @Test
    void completersOfferInstalledValues() {
        LuidCompleter luids = new LuidCompleter();
        assertEquals(List.of(), luids.values(), "no catalog: nothing, no failure");
        Fakes.Catalog catalog = new Fakes.Catalog();
        catalog.files.add(Fakes.file(3, "a.mkv", MediaStatus.READY));
        catalog.files.add(Fakes.file(8, "b.mkv", MediaStatus.READY));
        luids.catalog = catalog;
        assertEquals(List.of("3", "8"), luids.values());
        assertEquals(LuidCompleter.PAGE, catalog.lastQuery.limit());

        AlgorithmCompleter algorithms = new AlgorithmCompleter();
        assertEquals(List.of(), algorithms.values());
        algorithms.hasher = new Fakes.Hasher();
        assertEquals(List.of("md5", "sha1", "sha256"), algorithms.values());

        assertEquals(List.of("pending", "processing", "ready", "error", "deleted"), StatusCompleter.names());
    }

    private static int line(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not in " + lines);
    }

    private static HashProvider hash(String name) {
        return new HashProvider() {
            @Override
            public String algorithm() {
                return name;
            }

            @Override
            public HashDigest newDigest() {
                return new HashDigest() {
                    @Override
                    public void update(ByteBuffer chunk) {
                    }

                    @Override
                    public String hex() {
                        return "";
                    }
                };
            }
        };
    }

    private static MediaProbe probe() {
        return new MediaProbe() {
            @Override
            public Set<String> extensions() {
                return Set.of(".mp4", ".mkv");
            }

            @Override
            public MediaMetadata probe(Path file) {
                return null;
            }
        };
    }

    private static StreamingTransport transport() {
        return new StreamingTransport() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public List<StreamSession> sessions() {
                return List.of();
            }

            @Override
            public boolean stop(String sessionId) {
                return false;
            }
        };
    }
}
