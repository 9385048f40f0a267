package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.Blake3;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * {@code HotDeployIT} is responsible for proving the extra hash bundle is hot-deployable: its jar copied into
 * {@code deploy/} makes BLAKE3 usable by {@code peer:hash} and by the scanner within seconds (digests equal to an
 * independent BLAKE3), and removing the jar makes the algorithm unknown, with a clear message and nothing else
 * broken. No restart in between.
 */
public class HotDeployIT extends PeerTestSupport {

    private static final Duration HOT = Duration.ofSeconds(30);

    @Override
    protected List<Option> extraOptions(Path work) {
        // The scanner is asked for blake3 before any provider exists: an unknown name must not be fatal, and the
        // digests appear once the provider arrives.
        return List.of(editConfigurationFilePut("etc/" + PID_SCANNER + ".cfg", "hashAlgorithms", "md5,sha1,blake3"));
    }

    @Test
    public void blake3ComesWithTheJarAndGoesWithIt() throws Exception {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        FileHasher hasher = awaitService(FileHasher.class);
        assertFalse(hasher.availableAlgorithms().contains("blake3"));

        Path video = mediaTree(mediaDir()).file("clip.mp4", 300_000).path("clip.mp4");
        MediaFile row = awaitValue("clip.mp4 cataloged with md5", HOT, () -> catalog.findByPath(video),
                r -> r.isPresent() && catalog.hashes(r.get().luid()).containsKey("md5")).get();
        String before = executeCommand("peer:hash " + row.luid() + " blake3");
        assertTrue(before, before.contains("unknown hash algorithm 'blake3'"));

        // Deploy.
        Path jar = Path.of(System.getProperty(BLAKE3_JAR_PROPERTY));
        assertTrue("built jar " + jar, Files.isRegularFile(jar));
        Path deployed = karafBase().resolve("deploy").resolve(jar.getFileName());
        Files.copy(jar, deployed);
        await("a blake3 HashProvider service", HOT,
                () -> hasService(HashProvider.class.getName(), "(" + HashProvider.ALGORITHM_PROPERTY + "=blake3)"));
        await("FileHasher knows blake3", HOT, () -> hasher.availableAlgorithms().contains("blake3"));

        String expected = blake3(video);
        String hashed = executeCommand("peer:hash " + row.luid() + " blake3");
        assertTrue(hashed, hashed.contains(expected));
        String providers = executeCommand("peer:providers");
        assertTrue(providers, providers.contains("blake3"));
        assertTrue(providers, providers.contains("org.giggityflix.peer.hash.blake3"));

        // The scanner, configured for blake3, uses it for files it finds from now on.
        Path later = mediaTree(mediaDir()).file("later.mkv", 123_457).path("later.mkv");
        String laterDigest = blake3(later);
        awaitValue("later.mkv hashed with blake3 by the scanner", HOT,
                () -> catalog.findByPath(later).map(r -> catalog.hashes(r.luid()).get("blake3")),
                d -> d.equals(Optional.of(laterDigest)));

        // Remove.
        Files.delete(deployed);
        await("the blake3 provider gone", HOT,
                () -> !hasService(HashProvider.class.getName(), "(" + HashProvider.ALGORITHM_PROPERTY + "=blake3)"));
        await("FileHasher forgot blake3", HOT, () -> !hasher.availableAlgorithms().contains("blake3"));
        String after = executeCommand("peer:hash " + row.luid() + " md5 blake3");
        // The stored digest is still answered from the catalog; an algorithm nobody provides is named as unknown
        // only when it must be computed. Either way, md5 works and nothing throws.
        assertTrue(after, after.contains(digest(video, "MD5")));
        assertFalse(after, after.contains("Exception"));
        String providersAfter = executeCommand("peer:providers");
        assertFalse(providersAfter, providersAfter.contains("org.giggityflix.peer.hash.blake3"));

        // A file that never had a blake3 digest: asking for it is a clear unknown-algorithm message.
        Path fresh = mediaTree(mediaDir()).file("fresh.mov", 5000).path("fresh.mov");
        MediaFile freshRow = awaitValue("fresh.mov cataloged", HOT, () -> catalog.findByPath(fresh),
                r -> r.isPresent() && catalog.hashes(r.get().luid()).containsKey("md5")).get();
        String unknown = executeCommand("peer:hash " + freshRow.luid() + " blake3");
        assertTrue(unknown, unknown.contains("unknown hash algorithm 'blake3'"));

        // Nothing else broke: every peer bundle active, scanner still scanning.
        for (Bundle b : bundles("org.giggityflix.peer")) {
            assertEquals(b.getSymbolicName(), Bundle.ACTIVE, b.getState());
        }
        String scan = executeCommand("peer:scan --wait", Duration.ofSeconds(60));
        assertTrue(scan, scan.contains("Scan finished"));
        awaitService(MediaScanner.class);
    }

    private static String blake3(Path file) throws IOException {
        Blake3 hasher = Blake3.initHash();
        hasher.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(hasher.doFinalize(32));
    }
}
