package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.giggityflix.peer.testsupport.Json;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code ConfigFilesIT} is responsible for proving, in the booted distribution, what each feature's default
 * {@code etc/<pid>.cfg} (generated from the metatype at build time) promises an owner: every peer PID has its file,
 * each setting documented and commented out with its default; the peer runs on the metatype's defaults; an edit of one
 * key in the file reaches the component; and {@code config:edit … config:update} and the web settings page write the
 * value into the file without losing its comments.
 */
public class ConfigFilesIT extends WebTestSupport {

    /** Written by pax-exam itself before the boot (ports, folders), with java.util.Properties, which drops comments. */
    private static final Set<String> WRITTEN_BY_THE_TEST_SETUP = Set.of(PID_PEER, PID_SCANNER, PID_EDGE,
            "org.giggityflix.peer.upnp");

    /** The PIDs the tests below change, one each (the class's container is shared and its tests run in any order). */
    private static final String SCREENSHOTS = "org.giggityflix.peer.screenshots";
    private static final String STREAM_HTTP = "org.giggityflix.peer.stream.http";
    private static final String WEBRTC = "org.giggityflix.peer.webrtc";

    private static Path cfg(String pid) {
        return karafBase().resolve("etc").resolve(pid + ".cfg");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PID the running peer bundles describe with metatype, with its description. */
    private Map<String, ObjectClassDefinition> peerPids() {
        MetaTypeService metaType = awaitService(MetaTypeService.class);
        Map<String, ObjectClassDefinition> pids = new LinkedHashMap<>();
        for (Bundle bundle : bundles("org.giggityflix.peer")) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            for (String pid : info == null ? new String[0] : info.getPids()) {
                pids.put(pid, info.getObjectClassDefinition(pid, null));
            }
        }
        return pids;
    }

    /** The configurations of the components that read {@code pid}. */
    private List<ComponentConfigurationDTO> componentsOf(String pid) {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class);
        List<ComponentConfigurationDTO> found = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (List.of(description.configurationPid).contains(pid)) {
                found.addAll(scr.getComponentConfigurationDTOs(description));
            }
        }
        return found;
    }

    private boolean componentsRead(String pid, String key, String value) {
        List<ComponentConfigurationDTO> components = componentsOf(pid);
        return !components.isEmpty() && components.stream().allMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                || c.state == ComponentConfigurationDTO.SATISFIED)
                && components.stream().allMatch(c -> value.equals(String.valueOf(c.properties.get(key))));
    }

    @Test
    public void everyPeerPidHasItsFileWithEachSettingCommentedOutAtItsDefault() {
        Map<String, ObjectClassDefinition> pids = peerPids();
        assertTrue("the peer's configurable components: " + pids.keySet(), pids.size() >= 11);
        for (Map.Entry<String, ObjectClassDefinition> e : pids.entrySet()) {
            String pid = e.getKey();
            assertTrue("etc/" + pid + ".cfg", Files.isRegularFile(cfg(pid)));
            if (WRITTEN_BY_THE_TEST_SETUP.contains(pid)) {
                continue;
            }
            String text = read(cfg(pid));
            assertTrue(pid + ":\n" + text, text.startsWith("# " + e.getValue().getName() + " (PID " + pid + ")\n"));
            for (AttributeDefinition ad : e.getValue().getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                String[] defaults = ad.getDefaultValue();
                String line = "\n#" + ad.getID() + " =" + (ad.getType() == AttributeDefinition.PASSWORD
                        || defaults == null || defaults.length == 0 || String.join(",", defaults).isEmpty()
                        ? "\n" : " " + String.join(",", defaults).replace("\\", "\\\\") + "\n");
                assertTrue(pid + " documents " + ad.getID() + " at its default (" + line.trim() + "):\n" + text,
                        text.contains(line));
                assertTrue(pid + " names " + ad.getID(), text.contains("\n# " + ad.getName() + "\n"));
            }
        }
    }

    @Test
    public void thePeerRunsOnTheMetatypesDefaultsAndTheSettingsPageShowsThem() {
        Map<String, ObjectClassDefinition> pids = peerPids();
        for (String untouched : pids.keySet()) {
            if (WRITTEN_BY_THE_TEST_SETUP.contains(untouched)
                    || Set.of(SCREENSHOTS, STREAM_HTTP, WEBRTC).contains(untouched)) {
                continue;
            }
            Configuration[] configs = listConfigurations(untouched);
            Set<String> keys = configs.length == 0 ? Set.of()
                    : Set.copyOf(Collections.list(configs[0].getProperties().keys()));
            for (AttributeDefinition ad : pids.get(untouched).getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                assertFalse(untouched + " stores no " + ad.getID() + ": the metatype's default applies " + keys,
                        keys.contains(ad.getID()));
            }
            for (ComponentConfigurationDTO c : componentsOf(untouched)) {
                assertTrue(untouched + ": " + c.description.name + " is running (state " + c.state + ")",
                        c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED);
            }
        }
        WebClient web = awaitWeb();
        assertEquals(200, web.signIn(ADMIN, ADMIN_PASSWORD).status());
        Map<String, Object> page = web.get("/api/v1/config/" + STREAM_HTTP).json();
        assertEquals("the default, where nothing is stored", "14400",
                String.valueOf(Json.at(page, "values", "linkValiditySec")));
    }

    @Test
    public void anEditOfOneKeyInTheFileReachesTheComponentAndTheCommentsStay() throws IOException {
        String pid = SCREENSHOTS;
        Path file = cfg(pid);
        String shipped = read(file);
        assertTrue(shipped, shipped.contains("\n#cacheSizeMb = 100\n"));
        // as an owner would: the documented line copied and uncommented, with a new value
        Files.writeString(file, shipped.replace("\n#cacheSizeMb = 100\n",
                "\n#cacheSizeMb = 100\ncacheSizeMb = 150\n"));
        await("the screenshot service reads cacheSizeMb = 150 from etc/" + pid + ".cfg", TIMEOUT,
                () -> componentsRead(pid, "cacheSizeMb", "150"));
        String after = read(file);
        assertTrue(after, after.startsWith(shipped.substring(0, shipped.indexOf("\n\n"))));
        assertTrue(after, after.contains("\ncacheSizeMb = 150\n"));
    }

    @Test
    public void configEditAndUpdateWriteTheValueUnderTheFilesComments() {
        String pid = STREAM_HTTP;
        String shipped = read(cfg(pid));
        String out = executeCommand("config:edit " + pid + "\nconfig:property-set maxTransfers 8\nconfig:update");
        assertFalse(out, out.contains("Error"));
        await("maxTransfers = 8 reaches the HTTP transport", TIMEOUT, () -> componentsRead(pid, "maxTransfers", "8"));
        await("etc/" + pid + ".cfg holds maxTransfers", TIMEOUT, () -> read(cfg(pid)).contains("\nmaxTransfers = 8"));
        String after = read(cfg(pid));
        assertTrue(after, after.startsWith(shipped.substring(0, shipped.indexOf("\n\n"))));
        assertTrue("every other setting is still documented at its default:\n" + after,
                after.contains("\n#linkValiditySec = 14400\n") && after.contains("\n#maxTransfers = 16\n"));
    }

    @Test
    public void theSettingsPageSavesIntoTheFileWithoutLosingItsComments() {
        String pid = WEBRTC;
        String shipped = read(cfg(pid));
        assertTrue(shipped, shipped.contains("\n#turnPassword =\n"));
        WebClient web = awaitWeb();
        assertEquals(200, web.signIn(ADMIN, ADMIN_PASSWORD).status());
        WebClient.Reply saved = web.put("/api/v1/config/" + pid, "{\"values\":{\"maxSessions\":\"5\"}}");
        assertEquals(saved.toString(), 200, saved.status());
        await("the WebRTC transport reads maxSessions = 5", TIMEOUT, () -> componentsRead(pid, "maxSessions", "5"));
        await("etc/" + pid + ".cfg holds maxSessions", TIMEOUT,
                () -> read(cfg(pid)).lines().anyMatch(l -> l.matches("maxSessions = (I\")?5\"?")));
        String after = read(cfg(pid));
        assertTrue(after, after.startsWith(shipped.substring(0, shipped.indexOf("\n\n"))));
        assertTrue(after, after.contains("\n#maxSessions = 3\n") && after.contains("\n#stunServers = "));
        assertEquals(5L, ((Number) Json.at(web.get("/api/v1/config/" + pid).json(), "values", "maxSessions"))
                .longValue());
    }

    private Configuration[] listConfigurations(String pid) {
        try {
            Configuration[] found = configAdmin().listConfigurations("(service.pid=" + pid + ")");
            return Objects.requireNonNullElse(found, new Configuration[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
