package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.giggityflix.peer.api.hash.NoSuchMediaException;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;
import org.giggityflix.peer.proto.CatalogAnnouncementResponse;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.FileDeleteResponse;
import org.giggityflix.peer.proto.FileHashRequest;
import org.giggityflix.peer.proto.FileHashResponse;
import org.giggityflix.peer.proto.FileRemapRequest;
import org.giggityflix.peer.proto.FileRemapResponse;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.ScreenshotCaptureRequest;
import org.giggityflix.peer.proto.ScreenshotCaptureResponse;
import org.giggityflix.peer.proto.StreamSessionEnd;
import org.giggityflix.peer.proto.StreamSessionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EdgeRequests} is responsible for answering each Edge request from the catalog, the hasher and the disk:
 * announcement, hash, delete (behind the owner's gate), remap, screenshots (through {@link Screenshots}), and the
 * refusal of WebRTC signaling while no WebRTC transport is installed ({@link EdgeWebRtc} handles it otherwise).
 * Every answer carries the request's id.
 */
final class EdgeRequests {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeRequests.class);

    /** Hash names the hasher is ever asked for: anything else ("../../etc") is reported as unknown untouched. */
    private static final Pattern HASH_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final MediaCatalog catalog;
    private final EdgeCatalog edgeCatalog;
    private final FileHasher hasher;
    private final Trash trash;
    private final BooleanSupplier allowDelete;
    private final Screenshots screenshots;

    EdgeRequests(MediaCatalog catalog, EdgeCatalog edgeCatalog, FileHasher hasher, Trash trash,
                 BooleanSupplier allowDelete, Screenshots screenshots) {
        this.catalog = catalog;
        this.edgeCatalog = edgeCatalog;
        this.hasher = hasher;
        this.trash = trash;
        this.allowDelete = allowDelete;
        this.screenshots = screenshots;
    }

    /** True for the payloads this class answers. */
    static boolean isRequest(EdgeMessage.PayloadCase payload) {
        return switch (payload) {
            case CATALOG_ANNOUNCEMENT_REQUEST, FILE_HASH_REQUEST, FILE_DELETE_REQUEST, FILE_REMAP_REQUEST,
                 SCREENSHOT_CAPTURE_REQUEST, EDGE_WEBRTC -> true;
            default -> false;
        };
    }

    List<PeerMessage> answer(EdgeMessage request) {
        String id = request.getRequestId();
        return switch (request.getPayloadCase()) {
            case CATALOG_ANNOUNCEMENT_REQUEST -> List.of(reply(id).setCatalogAnnouncement(announcement()).build());
            case FILE_HASH_REQUEST -> List.of(reply(id).setFileHashResponse(hash(request.getFileHashRequest())).build());
            case FILE_DELETE_REQUEST -> delete(id, request.getFileDeleteRequest().getCatalogIdsList());
            case FILE_REMAP_REQUEST -> List.of(reply(id).setFileRemapResponse(remap(request.getFileRemapRequest())).build());
            case SCREENSHOT_CAPTURE_REQUEST -> List.of(reply(id)
                    .setScreenshotCaptureResponse(screenshot(request.getScreenshotCaptureRequest())).build());
            case EDGE_WEBRTC -> List.of(reply(id).setPeerWebrtc(webrtc(request.getEdgeWebrtc())).build());
            default -> throw new IllegalArgumentException("not a request: " + request.getPayloadCase());
        };
    }

    private static PeerMessage.Builder reply(String requestId) {
        return PeerMessage.newBuilder().setRequestId(requestId);
    }

    /** Catalog ids of files the catalog holds as present and that are still on disk. */
    CatalogAnnouncementResponse announcement() {
        CatalogAnnouncementResponse.Builder ids = CatalogAnnouncementResponse.newBuilder();
        for (int offset = 0; ; offset += MediaQuery.MAX_LIMIT) {
            List<MediaFile> page = catalog.list(new MediaQuery(Set.of(), Optional.empty(), offset, MediaQuery.MAX_LIMIT));
            page.stream().filter(f -> f.catalogId().isPresent() && Files.exists(f.path()))
                    .forEach(f -> ids.addCatalogIds(f.catalogId().get()));
            if (page.size() < MediaQuery.MAX_LIMIT) {
                return ids.build();
            }
        }
    }

    FileHashResponse hash(FileHashRequest request) {
        FileHashResponse.Builder answer = FileHashResponse.newBuilder().setCatalogId(request.getCatalogId());
        Optional<MediaFile> file = present(request.getCatalogId(), answer::setError, answer::setErrorMessage);
        if (file.isEmpty()) {
            return answer.setSuccess(false).build();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String type : request.getHashTypesList()) {
            String name = type.trim().toLowerCase(Locale.ROOT);
            if (HASH_NAME.matcher(name).matches()) {
                wanted.add(name);
            } else {
                answer.addUnknownHashTypes(type);
            }
        }
        return computeHashes(file.get(), wanted, answer);
    }

    private FileHashResponse computeHashes(MediaFile file, Set<String> wanted, FileHashResponse.Builder answer) {
        try {
            if (wanted.isEmpty() && answer.getUnknownHashTypesCount() == 0) {
                // Nothing named: the stored digests are the useful answer.
                return answer.putAllHashes(catalog.hashes(file.luid())).setSuccess(true).build();
            }
            FileHashes hashes = wanted.isEmpty() ? new FileHashes(Map.of(), Set.of(), 0) : hasher.hashEntry(file.luid(), wanted);
            answer.putAllHashes(hashes.digests()).addAllUnknownHashTypes(hashes.unknown());
        } catch (UnknownAlgorithmException e) {
            answer.addAllUnknownHashTypes(wanted);
        } catch (NoSuchMediaException e) {
            return failed(answer, CatalogErrorReason.BAD_CATALOG_ID, e.getMessage());
        } catch (MediaGoneException e) {
            return failed(answer, CatalogErrorReason.FILE_GONE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("hashing {} for the Edge failed", file.path(), e);
            return failed(answer, CatalogErrorReason.PEER_ERROR, "hashing failed: " + e.getMessage());
        }
        if (answer.getHashesCount() == 0) {
            return failed(answer, CatalogErrorReason.UNKNOWN_HASH_TYPE, "no installed hash algorithm matches "
                    + answer.getUnknownHashTypesList() + "; available: " + hasher.availableAlgorithms());
        }
        if (answer.getUnknownHashTypesCount() > 0) {
            answer.setErrorMessage("unknown hash type(s) " + answer.getUnknownHashTypesList() + "; available: "
                    + hasher.availableAlgorithms());
        }
        return answer.setSuccess(true).build();
    }

    private static FileHashResponse failed(FileHashResponse.Builder answer, CatalogErrorReason reason, String message) {
        return answer.clearHashes().setSuccess(false).setError(reason).setErrorMessage(message).build();
    }

    List<PeerMessage> delete(String requestId, List<String> catalogIds) {
        if (catalogIds.isEmpty()) {
            // One answer per id would be no answer at all: the Edge would wait for ever.
            return List.of(reply(requestId).setFileDeleteResponse(FileDeleteResponse.newBuilder().setSuccess(false)
                    .setError(CatalogErrorReason.BAD_CATALOG_ID).setErrorMessage("the request names no catalog id"))
                    .build());
        }
        List<PeerMessage> answers = new ArrayList<>(catalogIds.size());
        boolean allowed = allowDelete.getAsBoolean();
        for (String catalogId : catalogIds) {
            FileDeleteResponse response = allowed ? deleteOne(catalogId) : FileDeleteResponse.newBuilder()
                    .setCatalogId(catalogId).setSuccess(false).setError(CatalogErrorReason.PERMISSION_DENIED)
                    .setErrorMessage("deleting is turned off on this peer (allowDelete=false)").build();
            answers.add(reply(requestId).setFileDeleteResponse(response).build());
        }
        return answers;
    }

    private FileDeleteResponse deleteOne(String catalogId) {
        FileDeleteResponse.Builder answer = FileDeleteResponse.newBuilder().setCatalogId(catalogId);
        Optional<MediaFile> found = present(catalogId, answer::setError, answer::setErrorMessage);
        if (found.isEmpty()) {
            return answer.setSuccess(false).build();
        }
        MediaFile file = found.get();
        try {
            Optional<String> refusal = outsideMediaRoot(file);
            if (refusal.isPresent()) {
                LOG.warn("refused the Edge's delete of {}: {}", file.path(), refusal.get());
                return answer.setSuccess(false).setError(CatalogErrorReason.PERMISSION_DENIED)
                        .setErrorMessage(refusal.get()).build();
            }
            Path where = trash.moveIn(file.path().toRealPath(), file.luid());
            catalog.write(batch -> batch.deleted(file.luid()));
            LOG.info("the Edge deleted {} (catalog id {}): moved to {}", file.path(), catalogId, where);
            return answer.setSuccess(true).build();
        } catch (Trash.Full e) {
            LOG.warn("refused the Edge's delete of {}: {}", file.path(), e.getMessage());
            return answer.setSuccess(false).setError(CatalogErrorReason.PERMISSION_DENIED)
                    .setErrorMessage(e.getMessage()).build();
        } catch (IOException | RuntimeException e) {
            LOG.warn("deleting {} for the Edge failed", file.path(), e);
            return answer.setSuccess(false).setError(CatalogErrorReason.PEER_ERROR)
                    .setErrorMessage("could not move the file to the trash: " + e.getMessage()).build();
        }
    }

    /** Why the file may not be touched: its real location is not a regular file inside its media folder. */
    private static Optional<String> outsideMediaRoot(MediaFile file) throws IOException {
        Path real = file.path().toRealPath();
        Path root = file.mediaRoot().toRealPath();
        if (!real.startsWith(root) || real.equals(root)) {
            return Optional.of("the file resolves to " + real + ", outside its media folder " + root);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(real + " is not a regular file");
        }
        return Optional.empty();
    }

    FileRemapResponse remap(FileRemapRequest request) {
        FileRemapResponse.Builder answer = FileRemapResponse.newBuilder()
                .setOldCatalogId(request.getOldCatalogId()).setNewCatalogId(request.getNewCatalogId());
        if (request.getOldCatalogId().isBlank() || request.getNewCatalogId().isBlank()) {
            return answer.setSuccess(false).setError(CatalogErrorReason.BAD_CATALOG_ID)
                    .setErrorMessage("both old_catalog_id and new_catalog_id must be given").build();
        }
        EdgeCatalog.RemapResult result =
                edgeCatalog.remapCatalogId(request.getOldCatalogId(), request.getNewCatalogId());
        return switch (result) {
            case REMAPPED -> answer.setSuccess(true).build();
            case UNKNOWN_OLD_ID -> answer.setSuccess(false).setError(CatalogErrorReason.BAD_CATALOG_ID)
                    .setErrorMessage("no file has catalog id " + request.getOldCatalogId()).build();
            case NEW_ID_IN_USE -> answer.setSuccess(false).setError(CatalogErrorReason.CATALOG_ID_IN_USE)
                    .setErrorMessage("catalog id " + request.getNewCatalogId() + " already names another file;"
                            + " nothing changed").build();
        };
    }

    ScreenshotCaptureResponse screenshot(ScreenshotCaptureRequest request) {
        ScreenshotCaptureResponse.Builder answer = ScreenshotCaptureResponse.newBuilder()
                .setCatalogId(request.getCatalogId()).setSuccess(false);
        Optional<MediaFile> file = present(request.getCatalogId(), answer::setError, answer::setErrorMessage);
        return file.isPresent() ? screenshots.capture(file.get(), request) : answer.build();
    }

    PeerWebRTCMessage webrtc(EdgeWebRTCMessage signal) {
        PeerWebRTCMessage.Builder answer = PeerWebRTCMessage.newBuilder().setRequestId(signal.getRequestId());
        if (!signal.hasStreamSessionRequest()) {
            String session = signal.hasSdpAnswer() ? signal.getSdpAnswer().getSessionId()
                    : signal.hasIceCandidate() ? signal.getIceCandidate().getSessionId()
                    : signal.getSessionEnd().getSessionId();
            return answer.setSessionEnd(StreamSessionEnd.newBuilder().setSessionId(session)
                    .setReason("no such session on this peer")).build();
        }
        StreamSessionResponse.Builder response = StreamSessionResponse.newBuilder().setSuccess(false)
                .setCatalogId(signal.getStreamSessionRequest().getCatalogId())
                .setSessionId(signal.getStreamSessionRequest().getSessionId());
        if (present(response.getCatalogId(), response::setError, response::setErrorMessage).isPresent()) {
            response.setError(CatalogErrorReason.NOT_AVAILABLE)
                    .setErrorMessage("no WebRTC streaming transport is installed on this peer");
        }
        return answer.setStreamSessionResponse(response).build();
    }

    /**
     * The cataloged file for {@code catalogId} if it is still on disk; otherwise reports BAD_CATALOG_ID or
     * FILE_GONE through the setters and returns empty.
     */
    private Optional<MediaFile> present(String catalogId, Consumer<CatalogErrorReason> error,
                                        Consumer<String> message) {
        Optional<MediaFile> file = catalogId.isBlank() ? Optional.empty() : catalog.findByCatalogId(catalogId);
        if (file.isEmpty()) {
            error.accept(CatalogErrorReason.BAD_CATALOG_ID);
            message.accept("no file has catalog id '" + catalogId + "'");
            return Optional.empty();
        }
        if (file.get().status() == MediaStatus.DELETED || !Files.exists(file.get().path())) {
            error.accept(CatalogErrorReason.FILE_GONE);
            message.accept("the file for catalog id " + catalogId + " is gone from disk");
            return Optional.empty();
        }
        return file;
    }
}
