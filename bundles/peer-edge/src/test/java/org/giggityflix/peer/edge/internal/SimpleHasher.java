package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.giggityflix.peer.api.hash.NoSuchMediaException;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;
import org.giggityflix.peer.testsupport.InMemoryCatalog;

/**
 * {@code SimpleHasher} is responsible for standing in for the hash service in tests: JDK md5/sha1/sha256, stored
 * digests reused, missing ones computed and stored, and an optional gate that holds hashing back (a slow disk).
 */
final class SimpleHasher implements FileHasher {

    private static final Map<String, String> JDK_NAMES = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256");

    private final InMemoryCatalog catalog;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);

    SimpleHasher(InMemoryCatalog catalog) {
        this.catalog = catalog;
    }

    /** From now on hashing waits until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Waits until a hash is being computed (held at the gate). */
    boolean awaitHashing() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    @Override
    public Set<String> availableAlgorithms() {
        return JDK_NAMES.keySet();
    }

    @Override
    public FileHashes hash(Path file, Collection<String> algorithms) throws IOException {
        Map<String, String> digests = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        byte[] content = Files.readAllBytes(file);
        for (String name : algorithms) {
            if (JDK_NAMES.containsKey(name)) {
                digests.put(name, digest(name, content));
            } else {
                unknown.add(name);
            }
        }
        return new FileHashes(digests, unknown, content.length);
    }

    @Override
    public FileHashes hashEntry(long luid, Collection<String> algorithms) throws IOException {
        MediaFile file = catalog.find(luid).orElseThrow(() -> new NoSuchMediaException(luid));
        if (file.status() == MediaStatus.DELETED || !Files.exists(file.path())) {
            throw new MediaGoneException(luid, file.path());
        }
        if (algorithms.stream().noneMatch(JDK_NAMES::containsKey)) {
            throw new UnknownAlgorithmException(Set.copyOf(algorithms), availableAlgorithms());
        }
        Map<String, String> stored = catalog.hashes(luid);
        Set<String> missing = new HashSet<>(algorithms);
        missing.removeAll(stored.keySet());
        holdAtGate();
        FileHashes computed = missing.isEmpty() ? new FileHashes(Map.of(), Set.of(), 0) : hash(file.path(), missing);
        catalog.write(b -> b.hashes(luid, computed.digests()));
        Map<String, String> all = new HashMap<>(computed.digests());
        algorithms.stream().filter(stored::containsKey).forEach(a -> all.put(a, stored.get(a)));
        return new FileHashes(all, computed.unknown(), computed.bytesRead());
    }

    private void holdAtGate() throws IOException {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String digest(String name, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(JDK_NAMES.get(name)).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
