package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Command;
import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

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
        // The Edge link's part of the catalog, published by the same component over the same database.
        EdgeCatalog edgeCatalog = awaitService(EdgeCatalog.class);
        assertTrue(edgeCatalog.countUncataloged() >= 0);
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

    /**
     * peer-catalog implements {@code @ProviderType} interfaces of the catalog package, so bnd gives it the narrow
     * import range (the exported major.minor up to the next minor): it never wires to an API it does not implement
     * in full. A bundle that only calls the catalog (peer-shell) keeps the wide range up to the next major.
     */
    @Test
    public void providersImportTheirApiWithTheNarrowRange() {
        String exported = header("org.giggityflix.peer.api", "Export-Package");
        Matcher version = Pattern.compile(
                "org\\.giggityflix\\.peer\\.api\\.catalog;[^,]*version=\"(\\d+)\\.(\\d+)\\.\\d+\"").matcher(exported);
        assertTrue(exported, version.find());
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        String narrow = "org.giggityflix.peer.api.catalog;version=\"[" + major + "." + minor + "," + major + "."
                + (minor + 1) + ")\"";
        String wide = "org.giggityflix.peer.api.catalog;version=\"[" + major + "." + minor + "," + (major + 1) + ")\"";
        assertTrue(header("org.giggityflix.peer.catalog", "Import-Package"),
                header("org.giggityflix.peer.catalog", "Import-Package").contains(narrow));
        assertTrue(header("org.giggityflix.peer.shell", "Import-Package"),
                header("org.giggityflix.peer.shell", "Import-Package").contains(wide));
    }

    /**
     * Libraries are hidden features (as openHAB's openhab.tp-*): installed, but {@code feature:list} shows an owner
     * only the capabilities to add or remove; {@code -s} shows the libraries too.
     */
    @Test
    public void featureListShowsAddOnsNotLibraries() {
        String listed = executeCommand("feature:list -i");
        String all = executeCommand("feature:list -i -s");
        for (String library : List.of("peer-sqlite", "peer-media-runtime", "peer-webrtc-runtime")) {
            assertFalse(library + " listed:\n" + listed, listed.contains(library + " "));
            assertTrue(library + " not installed:\n" + all, all.contains(library + " "));
        }
        for (String addOn : List.of("peer-catalog ", "peer-media-ffmpeg ", "peer-stream-webrtc ", "peer-web ")) {
            assertTrue(addOn + "not listed:\n" + listed, listed.contains(addOn));
        }
    }

    /**
     * etc/org.apache.karaf.command.acl.peer.cfg: a read-only console user (role viewer) sees the peer's state but
     * cannot start a scan or take a backup; a manager scans; only admin backs up.
     */
    @Test
    public void peerCommandsFollowTheirAcl() {
        String status = executeCommandAs("peer:status", TIMEOUT, "viewer");
        assertTrue(status, status.contains(PEER_ID));
        assertTrue(refused(executeCommandAs("peer:scan", TIMEOUT, "viewer")));
        assertTrue(refused(executeCommandAs("peer:edge-reconnect", TIMEOUT, "viewer")));
        assertTrue(refused(executeCommandAs("peer:edge-disconnect", TIMEOUT, "viewer")));
        assertTrue(refused(executeCommandAs("peer:stream-stop nothing", TIMEOUT, "viewer")));
        assertFalse(refused(executeCommandAs("peer:edge-status", TIMEOUT, "viewer")));
        assertFalse(refused(executeCommandAs("peer:media-list", TIMEOUT, "viewer")));
        assertTrue(refused(executeCommandAs("peer:backup", TIMEOUT, "viewer", "manager")));
        assertFalse(refused(executeCommandAs("peer:scan", TIMEOUT, "viewer", "manager")));
        assertTrue(refused(executeCommandAs("peer:token-list", TIMEOUT, "viewer", "manager")));
        String tokens = executeCommandAs("peer:token-list", TIMEOUT, "viewer", "manager", "admin");
        assertFalse(tokens, refused(tokens));
    }

    /**
     * Every {@code peer:*} command has a line in etc/org.apache.karaf.command.acl.peer.cfg: Karaf leaves a command
     * without one open to every console user, read-only ones included.
     */
    @Test
    public void everyPeerCommandHasAnAclLine() throws IOException, ClassNotFoundException {
        awaitCommand("peer:token-revoke", TIMEOUT);
        Properties acl = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Path.of(System.getProperty("karaf.etc"), "org.apache.karaf.command.acl.peer.cfg"))) {
            acl.load(reader);
        }
        Set<String> listed = acl.stringPropertyNames().stream().map(key -> key.replaceAll("\\[.*", "").trim())
                .collect(Collectors.toSet());
        Bundle shell = bundles("org.giggityflix.peer.shell").stream()
                .filter(b -> b.getSymbolicName().equals("org.giggityflix.peer.shell")).findFirst().orElseThrow();
        List<String> commands = new ArrayList<>();
        for (URL entry : Collections.list(shell.findEntries("org/giggityflix/peer/shell/internal", "*.class", false))) {
            String path = entry.getPath();
            String name = path.substring(1, path.length() - ".class".length()).replace('/', '.');
            Command command = shell.loadClass(name).getAnnotation(Command.class);
            if (command != null && command.scope().equals("peer")) {
                commands.add(command.name());
            }
        }
        assertTrue(commands.toString(), commands.containsAll(List.of("media-list", "media-show", "stream-list",
                "stream-stop", "edge-status", "edge-reconnect", "edge-disconnect", "token-add", "token-list",
                "token-revoke", "status", "scan")));
        List<String> open = commands.stream().filter(c -> !listed.contains(c)).toList();
        assertEquals("peer:* commands open to every console user (no line in the ACL)", List.of(), open);
    }

    /**
     * The console reads each command's options and prints its help from them; an earlier spelling runs nothing and
     * names the command that replaced it.
     */
    @Test
    public void commandsReadTheirOptionsAndOldSpellingsPointToTheNewOnes() {
        String help = executeCommand("peer:media-list --help");
        for (String option : List.of("--status", "--search", "--offset", "--limit")) {
            assertTrue(help, help.contains(option));
        }
        String page = executeCommand("peer:media-list --limit 1 --status ready,pending");
        assertFalse(page, page.contains("is now"));
        String moved = executeCommand("peer:media list --search holiday --limit 5");
        assertTrue(moved, moved.contains("peer:media list is now peer:media-list --search holiday --limit 5"));
        String token = executeCommand("peer:token add someone --read-only");
        assertTrue(token, token.contains("peer:token-add --read-only someone"));
        assertFalse(executeCommand("peer:token-list").contains("someone"));
    }

    /**
     * bin/peer's peer-cli key has the console role "peer" alone: every peer:* command and nothing else, because a
     * command no ACL lists needs one of Karaf's roles (karaf.secured.command.compulsory.roles); a viewer keeps them.
     */
    @Test
    public void thePeerRoleRunsPeerCommandsAndNothingElse() {
        String status = executeCommandAs("peer:status", TIMEOUT, "peer");
        assertTrue(status, status.contains(PEER_ID));
        assertFalse(refused(executeCommandAs("peer:token-list", TIMEOUT, "peer")));
        assertFalse(refused(executeCommandAs("peer:media-list", TIMEOUT, "peer")));
        for (String other : List.of("config:list", "config:property-set -p org.giggityflix.itest.none x 1",
                "feature:list", "feature:install no-such-feature", "bundle:list", "service:list", "log:get",
                "system:property karaf.name")) {
            String out = executeCommandAs(other, TIMEOUT, "peer");
            assertTrue(other + " ran for the peer role: " + out, refused(out));
        }
        String viewer = executeCommandAs("bundle:list", TIMEOUT, "viewer");
        assertFalse(viewer, refused(viewer));
    }

    /** Karaf hides a command the user may never run ("Command not found") and refuses one it may run otherwise. */
    private static boolean refused(String output) {
        return output.contains("Insufficient credentials") || output.contains("Command not found");
    }

    private String header(String symbolicName, String name) {
        Bundle bundle = bundles(symbolicName).stream().filter(b -> b.getSymbolicName().equals(symbolicName))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " not installed"));
        return bundle.getHeaders().get(name);
    }

    /**
     * Every setting the environment importer (peer-core's {@code EnvironmentVariables}: MEDIA_DIRS, HTTP_PORT, ...)
     * writes lands where something reads it: the PID is consumed by a running component or a ManagedService, and
     * its metatype in the running distribution describes the property. A PID or property renamed in one bundle and
     * not in the importer's table fails here instead of leaving a variable that silently does nothing.
     */
    @Test
    public void everySettingTheEnvironmentImporterWritesIsReadBySomething() throws Exception {
        Bundle core = bundles("org.giggityflix.peer.core").stream()
                .filter(b -> b.getSymbolicName().equals("org.giggityflix.peer.core")).findFirst().orElseThrow();
        Field table = core.loadClass("org.giggityflix.peer.core.internal.EnvironmentVariables").getDeclaredField("ALL");
        table.setAccessible(true);
        List<?> settings = (List<?>) table.get(null);
        assertTrue(settings.toString(), settings.size() >= 20);

        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class);
        MetaTypeService metatype = awaitService(MetaTypeService.class);
        List<String> problems = new ArrayList<>();
        for (Object setting : settings) {
            String variable = (String) accessor(setting, "variable");
            String pid = (String) accessor(setting, "pid");
            String property = (String) accessor(setting, "property");
            boolean component = scr.getComponentDescriptionDTOs().stream()
                    .anyMatch(d -> Arrays.asList(d.configurationPid).contains(pid));
            boolean managed = !bundleContext.getServiceReferences(ManagedService.class, "(service.pid=" + pid + ")")
                    .isEmpty();
            if (!component && !managed) {
                problems.add(variable + ": no component or ManagedService reads " + pid);
            }
            List<String> described = new ArrayList<>();
            for (Bundle bundle : bundleContext.getBundles()) {
                MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
                if (info != null && Arrays.asList(info.getPids()).contains(pid)) {
                    ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                    Stream.of(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).map(AttributeDefinition::getID)
                            .forEach(described::add);
                }
            }
            if (!described.contains(property)) {
                problems.add(variable + ": no metatype describes " + pid + " " + property + " (described: "
                        + described + ")");
            }
        }
        assertEquals("environment variables written where nothing reads them", List.of(), problems);
    }

    private static Object accessor(Object record, String name) throws ReflectiveOperationException {
        Method method = record.getClass().getDeclaredMethod(name);
        method.setAccessible(true);
        return method.invoke(record);
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
