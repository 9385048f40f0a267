package org.giggityflix.peer.edge.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.FileOfferRequest;

import com.google.protobuf.CodedOutputStream;

/**
 * {@code OfferBook} is responsible for which files are offered to the Edge on one stream: it cuts offers into
 * batches under 1 MiB, remembers what is awaiting a catalog id (by relative path, the only key the Edge echoes),
 * and matches the Edge's answers back to local files.
 *
 * <p>One book per stream: a file offered on a stream that broke is simply offered again on the next one, while a
 * file that received its catalog id is never offered again (the catalog no longer lists it as uncataloged).
 *
 * <p>It also holds the stream's cursor through the catalog's uncataloged files (the last luid read), so pages can be
 * offered while earlier ones still await their answers, each file read once per sweep. Cursor methods are called
 * from the session's offer thread only.
 */
final class OfferBook {

    private final int maxBatchBytes;
    private final Map<String, Long> awaiting = new ConcurrentHashMap<>();
    /**
     * Files the Edge answered on this stream. A catalog change is a snapshot taken at its commit: one committed
     * before the answer was stored (the scanner finishing a hash) still shows no catalog id and must not make the
     * file be offered a second time.
     */
    private final AnsweredLuids answeredLuids = new AnsweredLuids();
    private volatile boolean deferred;
    private long cursor;
    private boolean swept;

    OfferBook(int maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
    }

    /**
     * The offers to send for {@code candidates} (files without a catalog id): those not awaiting one already and
     * not answered on this stream. Two files with the same relative path (in different media folders) cannot both be in flight,
     * because the answer could not tell them apart: the second waits for a later round.
     */
    List<FileOfferRequest> claim(List<UncatalogedFile> candidates) {
        List<FileOfferRequest> batches = new ArrayList<>();
        FileOfferRequest.Builder batch = FileOfferRequest.newBuilder();
        // One builder for every file: build() leaves it usable, and a page is thousands of files.
        FileInfo.Builder entryBuilder = FileInfo.newBuilder();
        int size = 0;
        for (UncatalogedFile file : candidates) {
            Long luid = file.luid();
            if (answeredLuids.contains(luid)) {
                continue;
            }
            Long holder = awaiting.putIfAbsent(file.relativePath(), luid);
            if (holder != null) {
                deferred |= holder.longValue() != file.luid();
                continue;
            }
            FileInfo info = entryBuilder.setRelativePath(file.relativePath()).setSizeBytes(file.size()).build();
            int entry = 1 + CodedOutputStream.computeUInt32SizeNoTag(info.getSerializedSize()) + info.getSerializedSize();
            if (size + entry > maxBatchBytes && batch.getFilesCount() > 0) {
                batches.add(batch.build());
                batch = FileOfferRequest.newBuilder();
                size = 0;
            }
            batch.addFiles(info);
            size += entry;
        }
        if (batch.getFilesCount() > 0) {
            batches.add(batch.build());
        }
        return batches;
    }

    /**
     * The luid of the file offered under {@code relativePath}, no longer awaited; null when never offered here (a
     * boxed value the book already holds: answers come by the hundred thousand).
     */
    Long answered(String relativePath) {
        Long luid = awaiting.remove(relativePath);
        if (luid != null) {
            answeredLuids.add(luid);
        }
        return luid;
    }

    /** True once when a file was held back by a same-path file in flight; the caller offers again later. */
    boolean takeDeferred() {
        boolean was = deferred;
        deferred = false;
        return was;
    }

    int awaitingCount() {
        return awaiting.size();
    }

    /** The last luid read from the catalog on this stream (0 before the first page). */
    long cursor() {
        return cursor;
    }

    /** Moves the cursor past {@code page}; a page shorter than {@code limit} was the last one for now. */
    void listed(List<UncatalogedFile> page, int limit) {
        if (!page.isEmpty()) {
            cursor = Math.max(cursor, page.get(page.size() - 1).luid());
        }
        swept = page.size() < limit;
    }

    /** Whether the cursor has passed every uncataloged file the catalog held when last asked. */
    boolean swept() {
        return swept;
    }

    /** Files were added after the sweep ended: read on from the cursor. */
    void more() {
        swept = false;
    }

    /**
     * Once the sweep is over and every offer is answered, files held back by a same-path file in flight are
     * offered by sweeping again from the start (what was answered meanwhile is no longer listed). True when a new
     * sweep starts.
     */
    boolean sweepAgainIfDeferred() {
        if (!swept || !awaiting.isEmpty() || !takeDeferred()) {
            return false;
        }
        cursor = 0;
        swept = false;
        return true;
    }

    /** Whether a row the catalog reported (not read through the cursor) still needs an offer at all. */
    static boolean uncataloged(MediaFile file) {
        return file.catalogId().isEmpty() && file.status() != MediaStatus.DELETED;
    }

    /**
     * {@code AnsweredLuids} is responsible for remembering which luids were answered on a stream in a bit per luid
     * (a first link answers every file of the library: 100,000 boxed entries were ~5 MiB live and as much garbage).
     */
    private static final class AnsweredLuids {
        private final BitSet small = new BitSet();
        private final Set<Long> large = new HashSet<>();

        synchronized boolean contains(long luid) {
            return luid >= 0 && luid <= Integer.MAX_VALUE ? small.get((int) luid) : large.contains(luid);
        }

        synchronized void add(long luid) {
            if (luid >= 0 && luid <= Integer.MAX_VALUE) {
                small.set((int) luid);
            } else {
                large.add(luid);
            }
        }
    }
}
