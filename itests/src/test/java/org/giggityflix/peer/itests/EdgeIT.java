package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.itests.edge.EdgeProcess;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;

/**
 * {@code EdgeIT} is responsible for walking the Edge protocol end to end: the booted distribution against the real
 * test Edge running as its own process on TCP (as in production), through connect and offers, announcement, hash,
 * delete gate, remap, an Edge crash and comeback, and a file gone from disk.
 *
 * <p>The steps run in name order and share the Edge and the tree (static: the probe class lives as long as the
 * container).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class EdgeIT extends PeerTestSupport {

    private static final Duration CONNECT = Duration.ofSeconds(60);

    private static final List<String> FILES = List.of("Films/one.mp4", "Films/Two.MKV", "three.avi");

    private static EdgeProcess edge;
    /** Relative path to the catalog id the Edge gave it. */
    private static final Map<String, String> catalogIds = new LinkedHashMap<>();
    /** Relative path to the id the first Edge gave, in the order it gave them. */
    private static final Map<String, String> firstIds = new LinkedHashMap<>();

    @Override
    protected List<Option> extraOptions(Path work) {
        return List.of(
                // Reconnect quickly and keep trying: the Edge starts after the peer and is killed on purpose.
                editConfigurationFilePut("etc/" + PID_EDGE + ".cfg", "reconnectIntervalSec", "1"),
                editConfigurationFilePut("etc/" + PID_EDGE + ".cfg", "maxReconnectAttempts", "1000"));
    }

    private EdgeProcess startEdge(String name) {
        Path jar = Path.of(System.getProperty(TESTEDGE_JAR_PROPERTY));
        Path classes = Path.of(System.getProperty(TEST_CLASSES_PROPERTY));
        return EdgeProcess.start(jar, classes, edgePort(), workDir().resolve(name + ".log"));
    }

    private MediaFile row(String relative) {
        return awaitService(MediaCatalog.class).findByPath(mediaDir().resolve(relative)).orElseThrow(
                () -> new AssertionError("not cataloged: " + relative));
    }

    @Test
    public void step1_connectsWithItsPeerIdAndOffersEveryCatalogedFileOnce() throws Exception {
        MediaTree tree = mediaTree(mediaDir());
        FILES.forEach(f -> tree.file(f, 20_000));
        awaitService(MediaScanner.class).scan(ScanRequest.fullScan()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (String f : FILES) {
            assertFalse("no catalog id before any Edge", row(f).catalogId().isPresent());
        }

        edge = startEdge("edge-1");
        executeCommand("peer:edge-reconnect");
        assertEquals("ok", edge.call("await-peer " + PEER_ID + " " + CONNECT.toSeconds(), CONNECT.plusSeconds(5)));
        assertTrue(edge.call("await-offered " + FILES.size() + " 30").startsWith("ok"));

        List<String> offered = offered(edge);
        assertEquals("each file offered once", new TreeSet<>(FILES), new TreeSet<>(offered));
        assertEquals("no duplicates: " + offered, FILES.size(), offered.size());

        for (String f : FILES) {
            String id = edge.call("catalog-id " + PEER_ID + " " + f);
            catalogIds.put(f, id);
            MediaFile stored = awaitValue(f + " stores catalog id " + id, TIMEOUT, () -> row(f),
                    r -> r.catalogId().equals(Optional.of(id)));
            String show = executeCommand("peer:media-show " + stored.luid());
            assertTrue(show, show.contains(id));
        }
        catalogIds.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getValue().replaceAll("\\D", ""))))
                .forEach(e -> firstIds.put(e.getKey(), e.getValue()));
        String status = executeCommand("peer:edge-status");
        assertTrue(status, status.contains("localhost:" + edgePort()));
        assertEquals("accepted 1", edge.call("accepted"));
    }

    @Test
    public void step2_announcementListsTheCatalogIdsOfPresentFiles() {
        String answer = edge.call("announce " + PEER_ID);
        assertTrue(answer, answer.contains("catalog_announcement"));
        for (String id : catalogIds.values()) {
            assertTrue(id + " in " + answer, answer.contains("\"" + id + "\""));
        }
    }

    @Test
    public void step3_hashRequestsAreAnsweredFromStoredHashes() {
        String f = FILES.get(0);
        Path file = mediaDir().resolve(f);
        String id = catalogIds.get(f);

        String answer = edge.call("hash " + PEER_ID + " " + id + " md5,sha1");
        assertTrue(answer, answer.contains("file_hash_response"));
        assertTrue(answer, answer.contains("\"" + digest(file, "MD5") + "\""));
        assertTrue(answer, answer.contains("\"" + digest(file, "SHA-1") + "\""));
        assertTrue(answer, answer.contains("success: true"));

        // A missing digest is computed once and stored; a bad name is reported without failing the known one.
        String more = edge.call("hash " + PEER_ID + " " + id + " sha256,../../etc");
        assertTrue(more, more.contains("\"" + digest(file, "SHA-256") + "\""));
        assertTrue(more, more.contains("unknown_hash_types: \"../../etc\""));
        assertEquals(digest(file, "SHA-256"), awaitService(MediaCatalog.class).hashes(row(f).luid()).get("sha256"));

        String unknown = edge.call("hash " + PEER_ID + " no-such-id md5");
        assertTrue(unknown, unknown.contains("BAD_CATALOG_ID"));
        assertFalse(unknown, unknown.contains("success: true"));
    }

    @Test
    public void step4_deleteIsRefusedByDefaultAndTheFileStays() {
        String f = FILES.get(1);
        String answer = edge.call("responses 1 " + PEER_ID + " delete " + catalogIds.get(f));
        assertTrue(answer, answer.contains("file_delete_response"));
        assertTrue(answer, answer.contains("PERMISSION_DENIED"));
        assertFalse(answer, answer.contains("success: true"));
        assertTrue("still on disk", Files.isRegularFile(mediaDir().resolve(f)));
        assertEquals(catalogIds.get(f), row(f).catalogId().orElse(null));
        assertTrue(row(f).status() != MediaStatus.DELETED);
    }

    @Test
    public void step5_remapMovesTheIdAndRefusesWhatItCannotDo() {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        String f = FILES.get(2);
        String old = catalogIds.get(f);

        String answer = edge.call("remap " + PEER_ID + " " + old + " merged-1");
        assertTrue(answer, answer.contains("file_remap_response"));
        assertTrue(answer, answer.contains("success: true"));
        assertEquals(row(f).luid(), catalog.findByCatalogId("merged-1").orElseThrow().luid());
        assertFalse(catalog.findByCatalogId(old).isPresent());
        catalogIds.put(f, "merged-1");

        String unknownOld = edge.call("remap " + PEER_ID + " no-such-id other-1");
        assertTrue(unknownOld, unknownOld.contains("BAD_CATALOG_ID"));
        assertFalse(catalog.findByCatalogId("other-1").isPresent());

        String first = FILES.get(0);
        String inUse = edge.call("remap " + PEER_ID + " merged-1 " + catalogIds.get(first));
        assertFalse(inUse, inUse.contains("success: true"));
        assertEquals("nothing changed", Optional.of("merged-1"), row(f).catalogId());
        assertEquals("nothing changed", Optional.of(catalogIds.get(first)), row(first).catalogId());
    }

    @Test
    public void step6_afterAnEdgeCrashThePeerReconnectsWithoutOfferingAgain() {
        edge.kill();
        edge = startEdge("edge-2");
        // The Edge comes back with its catalog (a real Edge stores it): the ids it gave before stay taken.
        assertEquals("ok", edge.call("seed " + PEER_ID + " " + String.join(" ", firstIds.keySet())));
        assertEquals("ok", edge.call("await-peer " + PEER_ID + " " + CONNECT.toSeconds(), CONNECT.plusSeconds(5)));
        // A round trip on the new stream, then a file found live: the only offer the new Edge sees is that one.
        assertTrue(edge.call("announce " + PEER_ID).contains("catalog_announcement"));
        mediaTree(mediaDir()).file("Films/four.mp4", 10_000);
        assertTrue(edge.call("await-offered 1 30").startsWith("ok"));
        sleep(1000);   // let any (wrong) re-offer of the older files arrive before looking
        assertEquals(List.of("Films/four.mp4"), offered(edge));
        assertEquals("one stream, no duplicate connection", "accepted 1", edge.call("accepted"));
        String id = edge.call("catalog-id " + PEER_ID + " Films/four.mp4");
        awaitValue("four.mp4 stores its catalog id", TIMEOUT, () -> row("Films/four.mp4").catalogId(),
                c -> c.equals(Optional.of(id)));
    }

    @Test
    public void step7_aFileGoneFromDiskIsReported() throws Exception {
        String f = FILES.get(1);
        Files.delete(mediaDir().resolve(f));
        awaitValue(f + " marked deleted", TIMEOUT, () -> row(f).status(), s -> s == MediaStatus.DELETED);
        String gone = awaitValue("the Edge told that " + f + " is gone", TIMEOUT, () -> edge.call("received"),
                r -> r.contains("files_gone") && r.contains("\"" + catalogIds.get(f) + "\""));
        assertTrue(gone, gone.contains(catalogIds.get(f)));
        String announce = edge.call("announce " + PEER_ID);
        assertFalse("gone file no longer announced: " + announce, announce.contains("\"" + catalogIds.get(f) + "\""));

        String hash = edge.call("hash " + PEER_ID + " " + catalogIds.get(f) + " md5");
        assertTrue("a hash of a gone file: " + hash, hash.contains("FILE_GONE"));
    }

    @Test
    public void step8_whenTheOwnerAllowsDeletesAFileGoesToTheTrash() throws Exception {
        String f = FILES.get(0);
        Path file = mediaDir().resolve(f);
        String md5 = digest(file, "MD5");
        String streams = edge.call("accepted");
        String out = executeCommand("config:property-set -p " + PID_EDGE + " allowDelete true");
        assertFalse(out, out.contains("Error"));

        // A setting that is not the link's applies to the running stream (no reconnect, nothing in flight lost);
        // ConfigAdmin delivers it a moment later, so ask until the gate is open.
        String answer = awaitValue("the delete allowed", CONNECT,
                () -> edge.call("responses 1 " + PEER_ID + " delete " + catalogIds.get(f)),
                a -> a.contains("file_delete_response") && !a.contains("PERMISSION_DENIED"));
        assertTrue(answer, answer.contains("success: true"));
        assertEquals("the same stream all along", streams, edge.call("accepted"));
        assertFalse("gone from the media dir", Files.exists(file));
        Path trashed;
        try (var files = Files.walk(dataDir().resolve("trash"))) {
            trashed = files.filter(p -> p.getFileName().toString().endsWith("one.mp4")).findFirst()
                    .orElseThrow(() -> new AssertionError("one.mp4 not in " + dataDir().resolve("trash")));
        }
        assertEquals("moved, not rewritten", md5, digest(trashed, "MD5"));
        awaitValue(f + " marked deleted", TIMEOUT, () -> row(f).status(), s -> s == MediaStatus.DELETED);

        // The gate only opens for files the catalog holds.
        String unknown = edge.call("responses 1 " + PEER_ID + " delete no-such-id");
        assertTrue(unknown, unknown.contains("BAD_CATALOG_ID"));
        edge.close();
    }

    private static List<String> offered(EdgeProcess edge) {
        String line = edge.call("offered");
        assertTrue(line, line.startsWith("offered"));
        String list = line.substring("offered".length()).trim();
        return list.isEmpty() ? List.of() : Arrays.asList(list.split("\\|"));
    }

    static Set<String> set(String... s) {
        return new TreeSet<>(Arrays.asList(s));
    }
}
