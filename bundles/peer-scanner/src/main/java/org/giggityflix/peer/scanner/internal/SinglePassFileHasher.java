package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashDigest;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.giggityflix.peer.api.hash.NoSuchMediaException;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.giggityflix.peer.osgi.common.Ranked;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SinglePassFileHasher} is responsible for hashing files with whichever {@link HashProvider}s are
 * installed: each file is read once, in large chunks, for all requested algorithms, and reads are limited per
 * drive ({@code readersPerDrive}).
 */
@Component(service = FileHasher.class, configurationPid = ScannerConstants.PID)
public class SinglePassFileHasher implements ProgressReportingHasher {

    /** Read size: large enough that a spinning disk streams, small enough for several files in flight. */
    static final int CHUNK_BYTES = 1024 * 1024;

    /** How a file is opened; tests count the opens to prove the single pass. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SinglePassFileHasher.class);

    private final MediaCatalog catalog;
    private final ChannelOpener opener;
    private final ExecutorService digestLanes = Executors.newCachedThreadPool(new NamedThreads("peer-hash-digest"));
    private final BufferPool buffers = new BufferPool(CHUNK_BYTES, 16);
    private final DigestPipeline pipeline = new DigestPipeline(digestLanes, buffers);
    private final Map<String, List<Ranked<HashProvider>>> registered = new HashMap<>();
    private volatile Map<String, HashProvider> active = Map.of();
    private volatile DriveLimiter limiter;

    @Activate
    public SinglePassFileHasher(@Reference MediaCatalog catalog, Map<String, Object> properties) {
        this(catalog, properties, file -> FileChannel.open(file, StandardOpenOption.READ));
    }

    SinglePassFileHasher(MediaCatalog catalog, Map<String, ?> properties, ChannelOpener opener) {
        this.catalog = catalog;
        this.opener = opener;
        this.limiter = new DriveLimiter(ScannerSettings.parse(properties).readersPerDrive());
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        int readers = ScannerSettings.parse(properties).readersPerDrive();
        if (readers != limiter.permitsPerDrive()) {
            // Reads in flight keep their old permits; new reads use the new limit.
            limiter = new DriveLimiter(readers);
        }
    }

    @Deactivate
    public void deactivate() {
        digestLanes.shutdownNow();
    }

    @Reference(service = HashProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProvider")
    public void addProvider(HashProvider provider, Map<String, Object> properties) {
        String name = algorithmOf(provider, properties);
        synchronized (registered) {
            List<Ranked<HashProvider>> list = registered.computeIfAbsent(name, key -> new ArrayList<>());
            list.add(Ranked.of(provider, properties));
            list.sort(Ranked.bestFirst());
            publishActive();
        }
        LOG.debug("hash algorithm {} available", name);
    }

    public void removeProvider(HashProvider provider, Map<String, Object> properties) {
        synchronized (registered) {
            registered.values().forEach(list -> list.removeIf(ranked -> ranked.service() == provider));
            registered.values().removeIf(List::isEmpty);
            publishActive();
        }
    }

    @Override
    public Set<String> availableAlgorithms() {
        return new TreeSet<>(active.keySet());
    }

    @Override
    public FileHashes hash(Path file, Collection<String> algorithms) throws IOException {
        return hash(file, algorithms, bytes -> { });
    }

    @Override
    public FileHashes hash(Path file, Collection<String> algorithms, LongConsumer bytesRead) throws IOException {
        Selection selection = select(AlgorithmNames.normaliseAll(algorithms));
        if (selection.known().isEmpty()) {
            return selection.unknown().isEmpty() ? new FileHashes(Map.of(), Set.of(), 0)
                    : throwUnknown(selection.unknown());
        }
        Semaphore drive = limiter.forFile(file);
        // Opened first (no data read yet): its size says whether it is read in one request (DriveLimiter).
        try (FileChannel channel = opener.open(file)) {
            int shares = DriveLimiter.shares(channel.size());
            acquire(drive, shares);
            try {
                return read(channel, selection, bytesRead);
            } finally {
                drive.release(shares);
            }
        }
    }

    @Override
    public FileHashes hashEntry(long luid, Collection<String> algorithms) throws IOException {
        MediaFile file = catalog.find(luid).orElseThrow(() -> new NoSuchMediaException(luid));
        if (file.status() == MediaStatus.DELETED || !Files.isRegularFile(file.path())) {
            throw new MediaGoneException(luid, file.path());
        }
        Map<String, String> stored = catalog.hashes(luid);
        Map<String, String> digests = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String name : AlgorithmNames.normaliseAll(algorithms)) {
            if (stored.containsKey(name)) {
                digests.put(name, stored.get(name));
            } else {
                missing.add(name);
            }
        }
        return missing.isEmpty() ? new FileHashes(digests, Set.of(), 0) : computeAndStore(file, missing, digests);
    }

    private FileHashes computeAndStore(MediaFile file, Set<String> missing, Map<String, String> digests)
            throws IOException {
        Selection selection = select(missing);
        if (selection.known().isEmpty()) {
            return digests.isEmpty() ? throwUnknown(selection.unknown())
                    : new FileHashes(digests, selection.unknown(), 0);
        }
        FileHashes computed;
        try {
            computed = hash(file.path(), selection.known().keySet());
        } catch (NoSuchFileException e) {
            throw new MediaGoneException(file.luid(), file.path());
        }
        catalog.write(batch -> batch.hashes(file.luid(), computed.digests()));
        digests.putAll(computed.digests());
        return new FileHashes(digests, selection.unknown(), computed.bytesRead());
    }

    private FileHashes read(FileChannel channel, Selection selection, LongConsumer bytesRead) throws IOException {
        Map<String, HashDigest> digests = new LinkedHashMap<>();
        selection.known().forEach((name, provider) -> digests.put(name, provider.newDigest()));
        List<HashDigest> list = new ArrayList<>(digests.values());
        // Handing buffers to other threads only pays off when there are several digests and several chunks.
        long read = list.size() > 1 && channel.size() > CHUNK_BYTES
                ? pipeline.run(channel, list, bytesRead)
                : readInline(channel, list, bytesRead);
        Map<String, String> hex = new LinkedHashMap<>();
        digests.forEach((name, digest) -> hex.put(name, digest.hex()));
        return new FileHashes(hex, selection.unknown(), read);
    }

    private long readInline(FileChannel channel, List<HashDigest> digests, LongConsumer bytesRead)
            throws IOException {
        ByteBuffer buffer = buffers.take();
        try {
            long total = 0;
            for (int read = fill(channel, buffer); read > 0; read = fill(channel, buffer)) {
                buffer.flip();
                for (HashDigest digest : digests) {
                    digest.update(buffer.duplicate());
                }
                total += read;
                bytesRead.accept(read);
                buffer.clear();
            }
            return total;
        } finally {
            buffers.give(buffer);
        }
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read (0 at the end). */
    static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    private Selection select(Set<String> requested) {
        Map<String, HashProvider> snapshot = active;
        Map<String, HashProvider> known = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : requested) {
            HashProvider provider = snapshot.get(name);
            if (provider != null) {
                known.put(name, provider);
            } else {
                unknown.add(name);
            }
        }
        return new Selection(known, unknown);
    }

    private FileHashes throwUnknown(Set<String> unknown) {
        throw new UnknownAlgorithmException(unknown, availableAlgorithms());
    }

    private static void acquire(Semaphore drive, int shares) throws InterruptedIOException {
        try {
            drive.acquire(shares);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the drive");
        }
    }

    private void publishActive() {
        Map<String, HashProvider> snapshot = new HashMap<>();
        registered.forEach((name, list) -> snapshot.put(name, list.get(0).service()));
        active = Map.copyOf(snapshot);
    }

    private static String algorithmOf(HashProvider provider, Map<String, ?> properties) {
        Object property = properties == null ? null : properties.get(HashProvider.ALGORITHM_PROPERTY);
        String name = AlgorithmNames.normalise(property != null ? property.toString() : provider.algorithm());
        return name.isEmpty() ? AlgorithmNames.normalise(provider.algorithm()) : name;
    }

    /** The requested names split into those a provider offers and those none does. */
    private record Selection(Map<String, HashProvider> known, Set<String> unknown) {
    }
}
