package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * {@code PlatformIT} is responsible for proving the built distribution boots into a working peer: every peer
 * bundle active, the platform services published, the catalog database under DATA_DIR.
 */
public class PlatformIT extends PeerTestSupport {

    /** The bundles the {@code peer} boot feature installs. */
    private static final Set<String> PEER_BUNDLES = Set.of(
            "org.giggityflix.peer.api", "org.giggityflix.peer.core", "org.giggityflix.peer.catalog",
            "org.giggityflix.peer.hash.jdk", "org.giggityflix.peer.scanner", "org.giggityflix.peer.shell",
            "org.giggityflix.peer.media.ffmpeg", "org.giggityflix.peer.edge", "org.giggityflix.peer.backup",
            "org.giggityflix.peer.jaas");

    @Test
    public void everyPeerBundleIsActive() {
        List<Bundle> peer = bundles("org.giggityflix.peer");
        Set<String> names = peer.stream().map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue("peer bundles installed: " + names, names.containsAll(PEER_BUNDLES));
        for (Bundle bundle : peer) {
            assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
        }
        // Karaf's own view once start-up settles: no bundle in Failure, GracePeriod or Waiting (a component that
        // cannot get what it needs), every peer bundle Active.
        String list = awaitValue("every bundle settled in bundle:list", TIMEOUT,
                () -> executeCommand("bundle:list -t 0"),
                out -> !out.contains("Failure") && !out.contains("GracePeriod") && !out.contains("Waiting"));
        List<String> peerLines = list.lines().filter(l -> l.contains("Giggityflix Peer")).toList();
        assertTrue(list, peerLines.size() >= PEER_BUNDLES.size());
        for (String line : peerLines) {
            assertTrue(line, line.contains("| Active"));
        }
    }

    @Test
    public void everyPeerComponentIsActive() {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class);
        Bundle[] peer = bundles("org.giggityflix.peer").toArray(new Bundle[0]);
        List<String> problems = awaitValue("every peer component satisfied", TIMEOUT, () -> {
            List<String> bad = new ArrayList<>();
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(peer)) {
                if (!scr.isComponentEnabled(description)) {
                    continue;
                }
                var configurations = scr.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                    bad.add(description.name + " has no configuration");
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        bad.add(description.name + " state " + configuration.state + " " + configuration.failure);
                    }
                }
            }
            return bad;
        }, List::isEmpty);
        assertTrue(problems.toString(), problems.isEmpty());
    }

    @Test
    public void platformServicesArePublished() {
        awaitService(MediaCatalog.class);
        awaitService(MediaScanner.class);
        awaitService(FileHasher.class);
        for (String algorithm : List.of("md5", "sha1", "sha256")) {
            HashProvider provider = awaitService(HashProvider.class,
                    "(" + HashProvider.ALGORITHM_PROPERTY + "=" + algorithm + ")", TIMEOUT);
            assertEquals(algorithm, provider.algorithm());
        }
        FileHasher hasher = awaitService(FileHasher.class);
        assertTrue(hasher.availableAlgorithms().toString(),
                hasher.availableAlgorithms().containsAll(Set.of("md5", "sha1", "sha256")));
        // BLAKE3 ships in system/ but is not installed: only deploy/ or feature:install add it.
        assertFalse(hasher.availableAlgorithms().contains("blake3"));

        PeerIdentity identity = awaitService(PeerIdentity.class);
        assertEquals(PEER_ID, identity.peerId());
        assertEquals(dataDir().toAbsolutePath().normalize(), identity.dataDir().toAbsolutePath().normalize());
    }

    @Test
    public void catalogDatabaseLivesUnderDataDir() {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        assertTrue("database " + catalog.databaseFile() + " under " + dataDir(),
                catalog.databaseFile().toAbsolutePath().startsWith(dataDir().toAbsolutePath()));
        assertTrue(catalog.databaseFile() + " exists", Files.isRegularFile(catalog.databaseFile()));
        assertTrue(catalog.databaseSize() > 0);
    }
}
