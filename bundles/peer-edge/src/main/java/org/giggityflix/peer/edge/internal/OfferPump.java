package org.giggityflix.peer.edge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.giggityflix.peer.proto.CatalogedInfo;
import org.giggityflix.peer.proto.FileOfferRequest;
import org.giggityflix.peer.proto.FileOfferResponse;
import org.giggityflix.peer.proto.FilesGoneNotice;
import org.giggityflix.peer.proto.PeerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OfferPump} is responsible for telling the Edge what this peer holds, on its own thread: the uncataloged
 * files offered page by page within the flow-control bound, the Edge's answers matched to what was offered on their
 * stream and their catalog ids stored in one transaction, files the catalog reports new offered and gone ones
 * reported ({@code files_gone}).
 */
final class OfferPump {

    private static final Logger LOG = LoggerFactory.getLogger(OfferPump.class);

    private final EdgeCatalog edgeCatalog;
    private final AnswerGate<Answer> answers;
    private final Supplier<Link> currentLink;
    private final Function<String, String> ids;
    private final ExecutorService offerThread = Executors.newSingleThreadExecutor(new NamedThreads("edge-offers"));
    private final Set<String> goneUnsent = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean storing = new AtomicBoolean();
    private final AtomicLong filesOffered = new AtomicLong();
    private final AtomicLong filesCataloged = new AtomicLong();

    /**
     * @param answers     where offer answers wait to be stored (requests wait on it for the ids before them)
     * @param currentLink the link up now, or null
     * @param ids         a fresh request id of a kind ({@code offer}, {@code gone})
     */
    OfferPump(EdgeCatalog edgeCatalog, AnswerGate<Answer> answers, Supplier<Link> currentLink,
              Function<String, String> ids) {
        this.edgeCatalog = edgeCatalog;
        this.answers = answers;
        this.currentLink = currentLink;
        this.ids = ids;
    }

    long filesOffered() {
        return filesOffered.get();
    }

    long filesCataloged() {
        return filesCataloged.get();
    }

    /** A new link: offers go out whenever gRPC can take more, starting now with gone files reported. */
    void start(Link fresh) {
        fresh.onReady(() -> execute(() -> pump(fresh)));
        execute(() -> {
            pump(fresh);
            reportGone(fresh);
        });
    }

    /** Files the catalog reports: new ones are offered at once, gone ones reported. Called on a catalog thread. */
    void catalogChanged(List<CatalogChange> changes) {
        execute(() -> {
            List<MediaFile> fresh = new ArrayList<>();
            for (CatalogChange change : changes) {
                if (change.kind() == CatalogChange.Kind.DELETED) {
                    change.file().catalogId().ifPresent(goneUnsent::add);
                } else if (OfferBook.uncataloged(change.file())) {
                    fresh.add(change.file());
                }
            }
            Link current = currentLink.get();
            if (current != null) {
                // Files the cursor has passed (a deleted row back on disk) are offered now; newer ones are read
                // by the next page, within the flow-control bound.
                OfferBook book = current.offers();
                List<UncatalogedFile> behind = new ArrayList<>();
                for (MediaFile file : fresh) {
                    if (file.luid() <= book.cursor()) {
                        behind.add(UncatalogedFile.of(file));
                    }
                }
                offer(current, behind);
                if (behind.size() < fresh.size()) {
                    book.more();
                }
                pump(current);
                reportGone(current);
            }
        });
    }

    /**
     * Offers the next pages of uncataloged files on {@code to} while gRPC can take them and fewer than
     * {@link EdgeConstants#MAX_FILES_AWAITING} await their ids: pages stay in flight while earlier ones are answered
     * and stored, and an Edge that reads or answers slowly is sent no more than that. Runs on the offer thread.
     */
    private void pump(Link to) {
        OfferBook book = to.offers();
        try {
            while (!to.isClosed() && book.awaitingCount() < EdgeConstants.MAX_FILES_AWAITING && to.isReady()) {
                if (book.swept() && !book.sweepAgainIfDeferred()) {
                    return;
                }
                List<UncatalogedFile> page = edgeCatalog.uncatalogedAfter(book.cursor(), EdgeConstants.OFFER_PAGE);
                book.listed(page, EdgeConstants.OFFER_PAGE);
                offer(to, page);
            }
        } catch (CatalogException e) {
            // Offered again when the catalog reports a change, or on the next stream.
            LOG.warn("uncataloged files could not be read for the Edge: {}", e.getMessage());
        }
    }

    private void offer(Link to, List<UncatalogedFile> candidates) {
        if (to.isClosed() || candidates.isEmpty()) {
            return;
        }
        for (FileOfferRequest batch : to.offers().claim(candidates)) {
            to.send(PeerMessage.newBuilder().setRequestId(ids.apply("offer")).setBatchFileOffer(batch).build());
            filesOffered.addAndGet(batch.getFilesCount());
        }
    }

    /** An offer answer, queued on a gRPC thread: stored on the offer thread with whatever else arrived meanwhile. */
    void answered(Link from, FileOfferResponse answer) {
        answers.add(new Answer(from, answer));
        if (storing.compareAndSet(false, true)) {
            execute(this::storeAnswers);
        }
    }

    /**
     * Matches every queued answer to the files offered on its stream and stores the ids in one transaction. An
     * answer from a stream that has since broke is stored too: its ids are the Edge's, and this thread reads the
     * next stream's first page only after storing them, so those files are not offered again.
     */
    private void storeAnswers() {
        storing.set(false);
        List<Answer> drained = new ArrayList<>();
        int files = 0;
        long last = 0;
        AnswerGate.Numbered<Answer> next;
        while ((next = answers.poll()) != null) {
            drained.add(next.answer());
            files += next.answer().response().getFilesCount();
            last = next.number();
        }
        Map<Long, String> ids = new HashMap<>(files * 4 / 3 + 1);
        Set<Link> from = new HashSet<>(2);
        for (Answer answer : drained) {
            from.add(answer.link());
            match(answer, ids);
        }
        try {
            if (!ids.isEmpty()) {
                filesCataloged.addAndGet(edgeCatalog.storeCatalogIds(ids));
            }
        } catch (CatalogException e) {
            // Not offered again on this stream (they were answered); the next stream offers them again.
            LOG.warn("storing {} catalog ids from the Edge failed: {}", ids.size(), e.getMessage());
        } finally {
            answers.stored(last);
        }
        from.forEach(this::pump);
    }

    private static void match(Answer answer, Map<Long, String> ids) {
        OfferBook book = answer.link().offers();
        int ignored = 0;
        List<String> examples = new ArrayList<>(3);
        for (CatalogedInfo info : answer.response().getFilesList()) {
            Long luid = book.answered(info.getRelativePath());
            if (luid == null || info.getCatalogId().isBlank()) {
                ignored++;
                if (examples.size() < 3) {
                    examples.add("'" + info.getRelativePath() + "' -> '" + info.getCatalogId() + "'");
                }
                continue;
            }
            ids.put(luid, info.getCatalogId());
        }
        if (ignored > 0) {
            LOG.warn("the Edge named {} path(s) this peer never offered on this stream, or gave no catalog id;"
                    + " ignored (e.g. {})", ignored, String.join(", ", examples));
        }
    }

    /** One offer answer and the stream it came on. */
    record Answer(Link link, FileOfferResponse response) {
    }

    private void reportGone(Link to) {
        if (goneUnsent.isEmpty() || to.isClosed()) {
            return;
        }
        List<String> gone = List.copyOf(goneUnsent);
        to.send(PeerMessage.newBuilder().setRequestId(ids.apply("gone"))
                .setFilesGone(FilesGoneNotice.newBuilder().addAllCatalogIds(gone)).build());
        gone.forEach(goneUnsent::remove);
    }

    /** Stops the offer thread. */
    void close() {
        offerThread.shutdownNow();
    }

    private void execute(Runnable task) {
        try {
            offerThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed, task dropped");
        }
    }
}
