package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.CatalogedInfo;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.FileDeleteResponse;
import org.giggityflix.peer.proto.FileHashRequest;
import org.giggityflix.peer.proto.FileHashResponse;
import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.FileOfferResponse;
import org.giggityflix.peer.proto.FileRemapResponse;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.RequestError;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.proto.StreamSessionResponse;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

import io.grpc.Status;

/**
 * {@code EdgeSessionTest} is responsible for proving the Edge link's behaviour end to end over TCP: the real
 * {@link EdgeSession} (no OSGi) against the real test Edge on localhost, with an in-memory catalog and hasher.
 */
class EdgeSessionTest {

    /** Every wait is for something that must happen: generous, as 10,000 delete answers took over 15 s at load 35. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PEER = "peer-1";

    @TempDir
    Path dir;

    private Path media;
    private Path data;
    private InMemoryCatalog catalog;
    private SimpleHasher hasher;
    private TestEdge edge;
    private EdgeSession session;

    @BeforeEach
    void setUp() throws Exception {
        media = Files.createDirectories(dir.resolve("media"));
        data = Files.createDirectories(dir.resolve("data"));
        catalog = new InMemoryCatalog();
        hasher = new SimpleHasher(catalog);
        for (String path : List.of("a.mkv", "shows/b.mp4", "c.avi")) {
            cataloged(path, "content of " + path);
        }
        edge = TestEdge.start(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        edge.close();
    }

    private MediaFile cataloged(String relativePath, String content) throws Exception {
        Path file = media.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return catalog.add(media, relativePath, content.length());
    }

    private EdgeSettings settings() {
        return EdgeSettings.defaults(edge.address()).withReconnect(Duration.ofMillis(200), 20);
    }

    private PeerConnection connect(EdgeSettings settings) throws Exception {
        session = new EdgeSession(settings, catalog, catalog, hasher, PEER, data, Optional::empty, status -> { });
        catalog.listen(changes -> session.catalogChanged(changes));
        session.start();
        PeerConnection peer = edge.awaitPeer(PEER, WAIT);
        Await.until("every file to get its catalog id", () -> catalog.listWithoutCatalogId().isEmpty());
        return peer;
    }

    private String catalogIdOf(String relativePath) {
        return catalog.findByPath(media.resolve(relativePath)).flatMap(MediaFile::catalogId).orElseThrow();
    }

    @Test
    void connectsWithPeerIdOffersUncatalogedFilesAndStoresTheirCatalogIds() throws Exception {
        PeerConnection peer = connect(settings());

        assertEquals(Set.of("a.mkv", "shows/b.mp4", "c.avi"),
                edge.offeredFiles().stream().map(FileInfo::getRelativePath).collect(Collectors.toSet()));
        for (String path : List.of("a.mkv", "shows/b.mp4", "c.avi")) {
            assertEquals(edge.catalogIdFor(PEER, path), catalogIdOf(path));
        }
        assertEquals(peer.catalogIds().size(), 3);
        Await.until("state CONNECTED", () -> session.state() == EdgeState.CONNECTED);
        assertEquals(3, session.status().counters().filesCataloged());
    }

    /**
     * Issue 17.5: an Edge that asks for a stream right after answering the peer's first offer was sometimes told
     * {@code success=false}: the request was worked on before the ids of that answer were stored. Here the catalog
     * holds the ids back until a catalog id has been looked up (or 2 s pass), so a peer that answers before storing
     * fails every time; one that waits for the earlier answers answers with the session on the same stream.
     */
    @Test
    void aStreamRequestRightAfterTheFirstOfferAnswerFindsTheFileItNames() throws Exception {
        CountDownLatch lookedUp = new CountDownLatch(1);
        InMemoryCatalog slowToStore = new InMemoryCatalog() {
            @Override
            public Optional<MediaFile> findByCatalogId(String catalogId) {
                lookedUp.countDown();
                return super.findByCatalogId(catalogId);
            }

            @Override
            public int storeCatalogIds(Map<Long, String> catalogIds) {
                try {
                    lookedUp.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.storeCatalogIds(catalogIds);
            }
        };
        slowToStore.add(media, "a.mkv", Files.size(media.resolve("a.mkv")));
        EdgeWebRtcTest.FakeTransport transport = new EdgeWebRtcTest.FakeTransport();
        edge.answerOffers(false);
        session = new EdgeSession(settings(), slowToStore, slowToStore, hasher, PEER, data, Optional::empty,
                status -> { });
        session.webrtc(() -> transport);
        session.start();
        PeerConnection peer = edge.awaitPeer(PEER, WAIT);
        PeerMessage offer = peer.awaitMessage(PeerMessage::hasBatchFileOffer, WAIT, "the first offer");

        edge.answerOffer(peer, offer);
        String request = peer.webrtc(EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest
                .newBuilder().setCatalogId(edge.catalogIdFor(PEER, "a.mkv")).setSessionId("s1")).build());

        StreamSessionResponse response = peer.awaitResponse(request, WAIT).getPeerWebrtc().getStreamSessionResponse();
        assertTrue(response.getSuccess(), "refused: " + response.getError() + " " + response.getErrorMessage());
        assertEquals("s1", response.getSessionId());
        assertEquals(1, edge.acceptedStreams(), "answered on the stream the request came on");
        assertTrue(peer.isOpen());
    }

    @Test
    void offersAFileAsSoonAsTheCatalogReportsIt() throws Exception {
        connect(settings());
        cataloged("new/d.mkv", "fresh");

        Await.until("the new file to be cataloged by the Edge",
                () -> catalog.findByPath(media.resolve("new/d.mkv")).flatMap(MediaFile::catalogId).isPresent());
        assertEquals(4, edge.offeredFiles().size());
        assertEquals(edge.catalogIdFor(PEER, "new/d.mkv"), catalogIdOf("new/d.mkv"));
    }

    @Test
    void offersAreCutIntoBatchesUnderOneMebibyte() throws Exception {
        String longName = "x".repeat(3000);
        for (int i = 0; i < 600; i++) {
            catalog.add(media, "big/" + i + "-" + longName, 1);
        }
        connect(settings());

        List<PeerMessage> offers = edge.received().stream().filter(PeerMessage::hasBatchFileOffer).toList();
        assertTrue(offers.size() >= 2, "1.8 MB of paths needs at least two offers, got " + offers.size());
        offers.forEach(o -> assertTrue(o.getSerializedSize() < 1024 * 1024, "offer of " + o.getSerializedSize()));
        assertEquals(603, edge.offeredFiles().size());
    }

    @Test
    void offersEveryPageOfALargeCatalogNotJustTheFirst() throws Exception {
        // The catalog lists at most MediaQuery.MAX_LIMIT uncataloged files at a time.
        int files = 2 * MediaQuery.MAX_LIMIT + 500;
        for (int i = 0; i < files; i++) {
            catalog.add(media, "many/" + i + ".mkv", 1);
        }
        connect(settings());

        List<String> offered = edge.offeredFiles().stream().map(FileInfo::getRelativePath).toList();
        assertEquals(files + 3, offered.size());
        assertEquals(offered.size(), Set.copyOf(offered).size(), "each file offered once");
        String last = "many/" + (files - 1) + ".mkv";
        assertEquals(edge.catalogIdFor(PEER, last), catalogIdOf(last));
    }

    @Test
    void ignoresAnOfferAnswerNamingAPathNeverOffered() throws Exception {
        PeerConnection peer = connect(settings());
        String before = catalogIdOf("a.mkv");
        peer.sendExactly(EdgeMessage.newBuilder().setRequestId("bogus").setBatchFileOfferResponse(
                FileOfferResponse.newBuilder().addFiles(CatalogedInfo.newBuilder()
                        .setRelativePath("never/offered.mkv").setCatalogId("cat-evil"))
                        .addFiles(CatalogedInfo.newBuilder().setRelativePath("a.mkv").setCatalogId("cat-other")))
                .build());

        // Proof the peer handled it: it still answers on the same stream afterwards.
        peer.awaitResponse(peer.announce(), WAIT);
        assertTrue(catalog.findByCatalogId("cat-evil").isEmpty());
        assertEquals(before, catalogIdOf("a.mkv"));
        assertTrue(peer.isOpen());
    }

    @Test
    void announcesTheCatalogIdsOfFilesStillPresent() throws Exception {
        PeerConnection peer = connect(settings());
        Files.delete(media.resolve("c.avi"));

        PeerMessage answer = peer.awaitResponse(peer.announce(), WAIT);

        assertEquals(Set.of(catalogIdOf("a.mkv"), catalogIdOf("shows/b.mp4")),
                Set.copyOf(answer.getCatalogAnnouncement().getCatalogIdsList()));
    }

    @Test
    void answersHashesFromStoredValuesAndComputesOnlyTheMissingOnes() throws Exception {
        PeerConnection peer = connect(settings());
        MediaFile a = catalog.findByPath(media.resolve("a.mkv")).orElseThrow();
        // A stored value no computation would produce: seeing it proves the answer came from the catalog.
        catalog.write(b -> b.hashes(a.luid(), Map.of("md5", "0000000000000000000000000000feed")));

        FileHashResponse answer = peer.awaitResponse(peer.hash(catalogIdOf("a.mkv"), "md5", "sha1", "../../etc"), WAIT)
                .getFileHashResponse();

        assertTrue(answer.getSuccess());
        assertEquals("0000000000000000000000000000feed", answer.getHashesMap().get("md5"));
        assertEquals(SimpleHasher.digest("sha1", "content of a.mkv".getBytes(StandardCharsets.UTF_8)),
                answer.getHashesMap().get("sha1"));
        assertEquals(List.of("../../etc"), answer.getUnknownHashTypesList());
        assertTrue(answer.getErrorMessage().contains("../../etc"));
        assertEquals(answer.getHashesMap().get("sha1"), catalog.hashes(a.luid()).get("sha1"), "computed hash stored");
    }

    @Test
    void hashRequestForAnUnknownIdOrAGoneFileSaysWhich() throws Exception {
        PeerConnection peer = connect(settings());
        Files.delete(media.resolve("c.avi"));

        FileHashResponse unknown = peer.awaitResponse(peer.hash("cat-nope", "md5"), WAIT).getFileHashResponse();
        FileHashResponse gone = peer.awaitResponse(peer.hash(catalogIdOf("c.avi"), "md5"), WAIT).getFileHashResponse();
        FileHashResponse noKnownType = peer.awaitResponse(peer.hash(catalogIdOf("a.mkv"), "whirlpool"), WAIT)
                .getFileHashResponse();

        assertFalse(unknown.getSuccess());
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID, unknown.getError());
        assertFalse(gone.getSuccess());
        assertEquals(CatalogErrorReason.FILE_GONE, gone.getError());
        assertFalse(noKnownType.getSuccess());
        assertEquals(CatalogErrorReason.UNKNOWN_HASH_TYPE, noKnownType.getError());
        assertEquals(List.of("whirlpool"), noKnownType.getUnknownHashTypesList());
    }

    @Test
    void deleteIsRefusedByDefaultAndTheFileStays() throws Exception {
        PeerConnection peer = connect(settings());
        String requestId = peer.delete(catalogIdOf("a.mkv"), "cat-nope");

        List<PeerMessage> answers = peer.awaitResponses(requestId, 2, WAIT);

        for (PeerMessage answer : answers) {
            assertFalse(answer.getFileDeleteResponse().getSuccess());
            assertEquals(CatalogErrorReason.PERMISSION_DENIED, answer.getFileDeleteResponse().getError());
        }
        assertTrue(Files.exists(media.resolve("a.mkv")));
    }

    @Test
    void allowedDeleteMovesTheFileToTheTrashAndAnswersPerId() throws Exception {
        PeerConnection peer = connect(settings().withAllowDelete(true));
        String id = catalogIdOf("a.mkv");
        String requestId = peer.delete(id, "cat-nope");

        Map<String, FileDeleteResponse> answers = peer.awaitResponses(requestId, 2, WAIT).stream()
                .map(PeerMessage::getFileDeleteResponse)
                .collect(Collectors.toMap(FileDeleteResponse::getCatalogId, r -> r));

        assertTrue(answers.get(id).getSuccess());
        assertFalse(Files.exists(media.resolve("a.mkv")));
        try (var trashed = Files.walk(data.resolve("trash"))) {
            Path inTrash = trashed.filter(p -> p.getFileName().toString().endsWith("a.mkv")).findFirst().orElseThrow();
            assertEquals("content of a.mkv", Files.readString(inTrash));
        }
        assertEquals(MediaStatus.DELETED, catalog.findByCatalogId(id).orElseThrow().status());
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID, answers.get("cat-nope").getError());
    }

    @Test
    void allowedDeleteStillRefusesAFileThatResolvesOutsideItsMediaFolder() throws Exception {
        Path outside = Files.writeString(dir.resolve("precious.txt"), "not media");
        Files.createSymbolicLink(media.resolve("link.mkv"), outside);
        catalog.add(media, "link.mkv", 9);
        PeerConnection peer = connect(settings().withAllowDelete(true));

        FileDeleteResponse answer = peer.awaitResponse(peer.delete(catalogIdOf("link.mkv")), WAIT)
                .getFileDeleteResponse();

        assertFalse(answer.getSuccess());
        assertEquals(CatalogErrorReason.PERMISSION_DENIED, answer.getError());
        assertTrue(answer.getErrorMessage().contains("outside"), answer.getErrorMessage());
        assertEquals("not media", Files.readString(outside));
    }

    @Test
    void tenThousandIdsInOneDeleteGetTenThousandAnswers() throws Exception {
        PeerConnection peer = connect(settings());
        String[] ids = IntStream.range(0, 10_000).mapToObj(i -> "cat-x" + i).toArray(String[]::new);

        List<PeerMessage> answers = peer.awaitResponses(peer.delete(ids), 10_000, WAIT);

        assertTrue(answers.stream().allMatch(a -> a.getFileDeleteResponse().getError()
                == CatalogErrorReason.PERMISSION_DENIED));
    }

    @Test
    void aDeleteNamingNoIdIsStillAnswered() throws Exception {
        PeerConnection peer = connect(settings().withAllowDelete(true));

        FileDeleteResponse answer = peer.awaitResponse(peer.delete(), WAIT).getFileDeleteResponse();

        assertFalse(answer.getSuccess());
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID, answer.getError());
        assertEquals(3, catalog.count(MediaQuery.firstPage(10)));
    }

    @Test
    void twoFilesWithTheSameRelativePathInDifferentMediaFoldersAreBothOffered() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other-media"));
        Files.writeString(other.resolve("a.mkv"), "another a");
        catalog.add(other, "a.mkv", 9);
        session = new EdgeSession(settings(), catalog, catalog, hasher, PEER, data, Optional::empty, status -> { });
        session.start();
        edge.awaitPeer(PEER, WAIT);

        // The contract matches answers by relative path only, so the second is held back until the first is
        // answered, then offered on its own.
        List<FileInfo> offered = edge.awaitOffered(4, WAIT);
        assertEquals(2, offered.stream().filter(f -> f.getRelativePath().equals("a.mkv")).count());
    }

    @Test
    void remapsAndRefusesUnknownOrTakenIdsWithoutChangingAnything() throws Exception {
        PeerConnection peer = connect(settings());
        String a = catalogIdOf("a.mkv");
        String b = catalogIdOf("shows/b.mp4");

        FileRemapResponse ok = peer.awaitResponse(peer.remap(a, "cat-merged"), WAIT).getFileRemapResponse();
        FileRemapResponse unknown = peer.awaitResponse(peer.remap("cat-nope", "cat-z"), WAIT).getFileRemapResponse();
        FileRemapResponse taken = peer.awaitResponse(peer.remap("cat-merged", b), WAIT).getFileRemapResponse();

        assertTrue(ok.getSuccess());
        assertEquals("cat-merged", catalogIdOf("a.mkv"));
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID, unknown.getError());
        assertFalse(taken.getSuccess());
        assertEquals(CatalogErrorReason.CATALOG_ID_IN_USE, taken.getError());
        assertEquals("cat-merged", catalogIdOf("a.mkv"));
        assertEquals(b, catalogIdOf("shows/b.mp4"));
    }

    @Test
    void emptyUnknownAndIdlessRequestsAreAnsweredWithAReason() throws Exception {
        PeerConnection peer = connect(settings());
        peer.sendExactly(EdgeMessage.newBuilder().setRequestId("empty").build());
        peer.sendExactly(EdgeMessage.newBuilder().setRequestId("future").setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        ByteString.copyFromUtf8("?")).build()).build()).build());
        peer.sendExactly(EdgeMessage.newBuilder().setFileHashRequest(
                FileHashRequest.newBuilder().setCatalogId("x")).build());

        assertEquals(RequestError.Reason.EMPTY_PAYLOAD,
                peer.awaitResponse("empty", WAIT).getRequestError().getReason());
        RequestError future = peer.awaitResponse("future", WAIT).getRequestError();
        assertEquals(RequestError.Reason.UNSUPPORTED_PAYLOAD, future.getReason());
        assertEquals(99, future.getPayloadField());
        assertEquals(RequestError.Reason.MISSING_REQUEST_ID,
                peer.awaitResponse("", WAIT).getRequestError().getReason());
    }

    @Test
    void aSlowHashDoesNotHoldUpOtherRequestsAndADuplicateIdIsRefused() throws Exception {
        PeerConnection peer = connect(settings());
        hasher.close();
        String slow = peer.hash(catalogIdOf("a.mkv"), "sha256");
        assertTrue(hasher.awaitHashing());

        peer.sendExactly(EdgeMessage.newBuilder().setRequestId(slow).setFileHashRequest(
                FileHashRequest.newBuilder().setCatalogId(catalogIdOf("a.mkv"))).build());
        PeerMessage duplicate = peer.awaitResponse(slow, WAIT);
        PeerMessage announcement = peer.awaitResponse(peer.announce(), WAIT);

        assertEquals(RequestError.Reason.DUPLICATE_REQUEST_ID, duplicate.getRequestError().getReason());
        assertEquals(3, announcement.getCatalogAnnouncement().getCatalogIdsCount());
        assertTrue(peer.matching(m -> m.hasFileHashResponse()).isEmpty(), "the hash is still held");
        hasher.open();
        assertTrue(peer.awaitMessage(PeerMessage::hasFileHashResponse, WAIT, "the slow hash").getFileHashResponse()
                .getSuccess());
    }

    @Test
    void beyondItsBoundThePeerAnswersBusyInsteadOfQueueingForEver() throws Exception {
        PeerConnection peer = connect(settings());
        hasher.close();
        String catalogId = catalogIdOf("a.mkv");
        int workers = settings().maxConcurrentRequests();
        int accepted = workers + EdgeConstants.REQUEST_QUEUE;
        List<String> ids = IntStream.range(0, accepted + 40).mapToObj(i -> peer.hash(catalogId, "sha256")).toList();

        List<PeerMessage> busy = IntStream.range(accepted, ids.size()).mapToObj(i -> {
            try {
                return peer.awaitResponse(ids.get(i), WAIT);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertTrue(busy.stream().allMatch(m -> m.getRequestError().getReason() == RequestError.Reason.BUSY));

        hasher.open();
        List<PeerMessage> served = peer.awaitResponses(ids.get(accepted - 1), 1, WAIT);
        assertTrue(served.get(0).getFileHashResponse().getSuccess(), "the queued requests are still answered");
    }

    @Test
    void screenshotsAndWebRtcWithoutAServiceAreRefusedClearly() throws Exception {
        PeerConnection peer = connect(settings());

        // An endpoint on the Edge's own host and port, so only the missing service can refuse it.
        PeerMessage shot = peer.awaitResponse(peer.screenshot(catalogIdOf("a.mkv"), 3,
                "http://" + edge.address() + "/up", "t"), WAIT);
        PeerMessage stream = peer.awaitResponse(peer.webrtc(EdgeWebRTCMessage.newBuilder()
                .setStreamSessionRequest(StreamSessionRequest.newBuilder()
                        .setCatalogId(catalogIdOf("a.mkv")).setSessionId("s1")).build()), WAIT);

        assertFalse(shot.getScreenshotCaptureResponse().getSuccess());
        assertEquals(CatalogErrorReason.NOT_AVAILABLE, shot.getScreenshotCaptureResponse().getError());
        assertFalse(stream.getPeerWebrtc().getStreamSessionResponse().getSuccess());
        assertEquals("s1", stream.getPeerWebrtc().getStreamSessionResponse().getSessionId());
    }

    @Test
    void reportsFilesThatLeftTheDisk() throws Exception {
        PeerConnection peer = connect(settings());
        MediaFile c = catalog.findByPath(media.resolve("c.avi")).orElseThrow();

        catalog.write(b -> b.deleted(c.luid()));

        PeerMessage notice = peer.awaitMessage(PeerMessage::hasFilesGone, WAIT, "a files-gone notice");
        assertEquals(List.of(c.catalogId().orElseThrow()), notice.getFilesGone().getCatalogIdsList());
    }

    @Test
    void sendsHeartbeatsWithItsStatus() throws Exception {
        PeerConnection peer = connect(settings().withHeartbeat(Duration.ofMillis(200)));

        PeerMessage beat = peer.awaitMessage(m -> m.hasHeartbeat() && m.getHeartbeat().getFilesCataloged() == 3, WAIT,
                "a heartbeat counting 3 cataloged files");

        assertTrue(beat.getRequestId().startsWith("hb-"));
    }

    @Test
    void reconnectsAfterTheEdgeRestartsWithoutOfferingCatalogedFilesAgain() throws Exception {
        connect(settings());
        int firstStreams = edge.acceptedStreams();

        edge.stop();
        Await.until("the peer to notice the Edge is gone",
                () -> session.state() == EdgeState.RECONNECTING || session.state() == EdgeState.CONNECTING);
        cataloged("while-down.mkv", "added while the Edge was down");
        edge.restart();
        PeerConnection again = edge.awaitPeer(PEER, WAIT);
        Await.until("the file added while down to be cataloged", () -> catalog.listWithoutCatalogId().isEmpty());

        assertTrue(edge.acceptedStreams() > firstStreams);
        assertTrue(again.isOpen());
        List<String> offered = edge.offeredFiles().stream().map(FileInfo::getRelativePath).toList();
        assertEquals(4, offered.size(), "each file offered exactly once: " + offered);
        assertEquals(Set.copyOf(offered).size(), offered.size());
        assertEquals(edge.catalogIdFor(PEER, "while-down.mkv"), catalogIdOf("while-down.mkv"));
    }

    @Test
    void givesUpAfterTheAllowedAttemptsAndReconnectStartsOver() throws Exception {
        edge.stop();
        session = new EdgeSession(settings().withReconnect(Duration.ofMillis(50), 2), catalog, catalog, hasher, PEER,
                data, Optional::empty, status -> { });
        session.start();

        Await.until("GAVE_UP", () -> session.state() == EdgeState.GAVE_UP);
        assertTrue(session.status().lastError().orElseThrow().contains("unreachable"),
                session.status().lastError().toString());

        edge.restart();
        session.reconnect();
        edge.awaitPeer(PEER, WAIT);
        Await.until("offers after the manual reconnect", () -> catalog.listWithoutCatalogId().isEmpty());
    }

    @Test
    void showsAnEdgeRefusalWithItsMeaning() throws Exception {
        edge.refuseWith(Status.PERMISSION_DENIED.withDescription("peer id already connected"));
        session = new EdgeSession(settings(), catalog, catalog, hasher, PEER, data, Optional::empty, status -> { });
        session.start();

        edge.awaitRefusals(1, WAIT);
        Await.until("the refusal explained",
                () -> session.status().lastError().filter(e -> e.contains("duplicate PEER_ID")).isPresent());
        assertFalse(session.state() == EdgeState.CONNECTED);
    }

    @Test
    void anAddressChangeMovesTheLink() throws Exception {
        connect(settings());
        try (TestEdge other = TestEdge.start(0)) {
            session.close();
            session = new EdgeSession(settings().withAddress(other.address()), catalog, catalog, hasher, PEER, data,
                    Optional::empty, s -> { });
            session.start();

            other.awaitPeer(PEER, WAIT);
            Await.until("the old Edge to lose the peer", () -> edge.peer(PEER).isEmpty());
            assertEquals(other.address(), session.address());
        }
    }

    @Test
    void anEdgeThatDropsTheStreamMidOfferGetsTheUnansweredFilesAgainAndNothingIsLost() throws Exception {
        edge.answerOffers(false);
        session = new EdgeSession(settings(), catalog, catalog, hasher, PEER, data, Optional::empty, status -> { });
        session.start();
        PeerConnection first = edge.awaitPeer(PEER, WAIT);
        edge.awaitOffered(3, WAIT);

        edge.answerOffers(true);
        first.drop(Status.UNAVAILABLE.withDescription("Edge restarting"));
        Await.until("the files offered again to be cataloged", () -> catalog.listWithoutCatalogId().isEmpty());

        // Offered on the dropped stream and once more on the new one; none a third time.
        assertEquals(6, edge.offeredFiles().size());
        for (String path : List.of("a.mkv", "shows/b.mp4", "c.avi")) {
            assertEquals(edge.catalogIdFor(PEER, path), catalogIdOf(path));
        }
    }

    private List<String> manyFiles(int count) {
        List<String> paths = IntStream.range(0, count).mapToObj(i -> "many/" + i + ".mkv").toList();
        catalog.addAll(media, paths);
        return paths;
    }

    private void startHoldingAnswers() throws Exception {
        edge.answerOffers(false);
        session = new EdgeSession(settings(), catalog, catalog, hasher, PEER, data, Optional::empty, status -> { });
        catalog.listen(changes -> session.catalogChanged(changes));
        session.start();
    }

    private static Set<String> pathsOf(PeerMessage offer) {
        return offer.getBatchFileOffer().getFilesList().stream().map(FileInfo::getRelativePath)
                .collect(Collectors.toSet());
    }

    @Test
    void aSlowEdgeGetsSeveralPagesInFlightButNothingBeyondTheBoundUntilItAnswers() throws Exception {
        int files = 3 * EdgeConstants.MAX_FILES_AWAITING;
        List<String> paths = manyFiles(files);
        MediaFile probe = cataloged("probe.mkv", "probe");
        catalog.storeCatalogIds(Map.of(probe.luid(), "cat-probe"));
        startHoldingAnswers();
        PeerConnection peer = edge.awaitPeer(PEER, WAIT);
        edge.awaitOffered(EdgeConstants.MAX_FILES_AWAITING, WAIT);

        // The offer thread tries to offer more right before it reports gone files: once the Edge has the report,
        // the peer has had its chance to go past the bound.
        catalog.write(b -> b.deleted(probe.luid()));
        peer.awaitMessage(PeerMessage::hasFilesGone, WAIT, "the files-gone notice");
        List<PeerMessage> held = peer.matching(PeerMessage::hasBatchFileOffer);
        assertEquals(EdgeConstants.MAX_FILES_AWAITING, edge.offeredFiles().size(),
                "no more files offered while that many await an answer");
        assertTrue(held.size() > 1, "pages in flight at once: " + held.size());
        held.forEach(o -> assertTrue(o.getSerializedSize() < 1024 * 1024, "offer of " + o.getSerializedSize()));

        edge.answerOffers(true);
        held.forEach(offer -> edge.answerOffer(peer, offer));
        Await.until("every file to get its catalog id", () -> catalog.listWithoutCatalogId().isEmpty());

        List<String> offered = edge.offeredFiles().stream().map(FileInfo::getRelativePath).toList();
        assertEquals(files + 3, offered.size());
        assertEquals(offered.size(), Set.copyOf(offered).size(), "each file offered once");
        String last = paths.get(files - 1);
        assertEquals(edge.catalogIdFor(PEER, last), catalogIdOf(last));
        Await.until("every id counted", () -> session.status().counters().filesCataloged() == files + 3);
    }

    @Test
    void aStreamDroppedWithPagesInFlightLosesNoFileAndOffersNoAnsweredFileAgain() throws Exception {
        int files = 3 * EdgeConstants.MAX_FILES_AWAITING;
        List<String> paths = manyFiles(files);
        startHoldingAnswers();
        PeerConnection first = edge.awaitPeer(PEER, WAIT);
        edge.awaitOffered(EdgeConstants.MAX_FILES_AWAITING, WAIT);
        List<PeerMessage> inFlight = first.matching(PeerMessage::hasBatchFileOffer);
        assertTrue(inFlight.size() >= 3, "pages in flight: " + inFlight.size());

        // The Edge answers the first two pages, then the stream breaks with the others unanswered.
        edge.answerOffer(first, inFlight.get(0));
        edge.answerOffer(first, inFlight.get(1));
        edge.answerOffers(true);
        first.drop(Status.UNAVAILABLE.withDescription("Edge restarting"));
        Await.until("every file to get its catalog id", () -> catalog.listWithoutCatalogId().isEmpty());

        Set<String> answered = new java.util.HashSet<>(pathsOf(inFlight.get(0)));
        answered.addAll(pathsOf(inFlight.get(1)));
        Set<String> unanswered = inFlight.stream().skip(2).flatMap(o -> pathsOf(o).stream())
                .collect(Collectors.toSet());
        Map<String, Long> times = edge.offeredFiles().stream()
                .collect(Collectors.groupingBy(FileInfo::getRelativePath, Collectors.counting()));
        assertEquals(files + 3, times.size(), "every file offered");
        for (Map.Entry<String, Long> offered : times.entrySet()) {
            long expected = unanswered.contains(offered.getKey()) ? 2 : 1;
            assertEquals(expected, offered.getValue(), offered.getKey() + (answered.contains(offered.getKey())
                    ? " was answered on the dropped stream" : ""));
        }
        for (String path : List.of(paths.get(0), paths.get(files / 2), paths.get(files - 1), "a.mkv")) {
            assertEquals(edge.catalogIdFor(PEER, path), catalogIdOf(path));
        }
        assertTrue(edge.acceptedStreams() >= 2);
    }
}
