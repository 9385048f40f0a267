package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.testsupport.InMemoryCatalog;

/**
 * {@code InMemoryMediaCatalog} is responsible for what the scanner's tests need beyond the shared in-memory catalog:
 * hooks at exact points of a scan's writes (to look at the scan then, or to make a write fail) and a count of the
 * times a scan loaded every row under a root.
 */
final class InMemoryMediaCatalog extends InMemoryCatalog {

    private final AtomicInteger underRootLoads = new AtomicInteger();
    private volatile BiConsumer<Long, MediaStatus> onStatus = (luid, status) -> { };
    private volatile IntConsumer beforeWrite = number -> { };
    private volatile boolean probedOnlyWithStreams;
    private volatile boolean detachedKnownRows;

    /** Called inside the transaction whenever a status is set: lets a test act at an exact point of a scan. */
    void onStatus(BiConsumer<Long, MediaStatus> hook) {
        this.onStatus = hook;
    }

    /**
     * Called on the writer's thread as each write starts, with its number (1, 2 ...), before anything changes: a
     * test may look at the scan at that point, or make the write fail (throw) so that nothing of it is kept.
     */
    void beforeWrite(IntConsumer hook) {
        this.beforeWrite = hook;
    }

    @Override
    protected void onWriteStart(int number) {
        beforeWrite.accept(number);
    }

    @Override
    protected void onStatusSet(long luid, MediaStatus status) {
        onStatus.accept(luid, status);
    }

    /** How many times a scan loaded the rows under a root (the scanner's snapshot saves those loads). */
    int underRootLoads() {
        return underRootLoads.get();
    }

    /**
     * From now on report a row as probed only when its metadata lists streams, as the SQLite catalog does for rows
     * probed before its stream inventory existed (migration 4).
     */
    void probedOnlyWithStreams() {
        probedOnlyWithStreams = true;
    }

    /**
     * From now on hand out the rows under a root as objects of their own (path, time, file key), as the SQLite catalog
     * does when it reads them, instead of sharing them with the rows held here: what a caller keeps of them is then
     * its own in a heap measurement.
     */
    void detachedKnownRows() {
        detachedKnownRows = true;
    }

    @Override
    public List<KnownFile> knownUnderRoot(Path mediaRoot) {
        List<KnownFile> known = super.knownUnderRoot(mediaRoot);
        if (detachedKnownRows) {
            known = known.stream().map(k -> new KnownFile(k.luid(), Path.of(new String(k.path().toString())),
                    k.size(), Instant.ofEpochSecond(k.modified().getEpochSecond(), k.modified().getNano()),
                    k.fileKey().map(String::new), k.status(), k.probed())).toList();
        }
        if (!probedOnlyWithStreams) {
            return known;
        }
        Map<Long, MediaFile> rows = super.listUnderRoot(mediaRoot).stream()
                .collect(Collectors.toMap(MediaFile::luid, row -> row));
        return known.stream().map(k -> new KnownFile(k.luid(), k.path(), k.size(), k.modified(), k.fileKey(),
                k.status(), k.probed() && rows.get(k.luid()).metadata().map(m -> !m.streams().isEmpty()).orElse(false)))
                .toList();
    }

    @Override
    public List<MediaFile> listUnderRoot(Path mediaRoot) {
        underRootLoads.incrementAndGet();
        return super.listUnderRoot(mediaRoot);
    }
}
