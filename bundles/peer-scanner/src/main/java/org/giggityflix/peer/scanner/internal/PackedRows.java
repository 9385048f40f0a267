package org.giggityflix.peer.scanner.internal;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code PackedRows} is responsible for holding the rows the catalog has under one media root, as a rescan compares
 * them with the disk ({@link KnownFile}), in about 80 bytes per row instead of the few hundred that a {@code
 * KnownFile} with its {@code Path}, {@code Instant} and file-key text take: numbers in arrays, the file key (a Unix
 * {@code (dev=…,ino=…)}) as two numbers, path texts in {@link PathTexts}, and two {@link RowTable}s to find a row by
 * path or by luid. A {@code KnownFile} is made when a row is asked for, with the caller's own {@code Path} when it
 * asks by path.
 *
 * <p>A path is one row and a luid is one row, as in the catalog. Values that the compact form cannot hold exactly (a
 * file key of another form, a time finer than a millisecond) are kept aside as they are, so every row comes back
 * equal to what was put. Every method holds the object's lock: a first scan's walk looks rows up on the worker
 * threads while the rows it cataloged meanwhile are put on the inserting thread.
 */
final class PackedRows {

    private static final MediaStatus[] STATUSES = MediaStatus.values();
    private static final int STATUS = 0x07;
    private static final int PROBED = 0x08;
    private static final int KEYED = 0x10;
    private static final int ODD_KEY = 0x20;
    private static final int REMOVED = 0x80;
    private static final String KEY_DEV = "(dev=";
    private static final String KEY_INO = ",ino=";

    private final FileSystem fileSystem;
    private PathTexts texts;
    private final RowTable byPath = new RowTable();
    private final RowTable byLuid = new RowTable();
    private long[] luids = new long[0];
    private long[] sizes = new long[0];
    private long[] modified = new long[0];
    private long[] keyDevs = new long[0];
    private long[] keyInos = new long[0];
    private int[] pathHashes = new int[0];
    private byte[] flags = new byte[0];
    /** Values the arrays cannot hold exactly, by row. */
    private Map<Integer, String> oddKeys = new HashMap<>();
    private Map<Integer, Instant> oddTimes = new HashMap<>();
    private int rows;
    private int removed;
    private int live;

    PackedRows(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
        this.texts = new PathTexts(fileSystem.getSeparator());
    }

    /** The rows of {@code files} (a later row of the same path or luid replaces an earlier one). */
    static PackedRows of(FileSystem fileSystem, Collection<KnownFile> files) {
        PackedRows packed = new PackedRows(fileSystem);
        files.forEach(packed::put);
        packed.trim();
        return packed;
    }

    /** How many rows are held, deleted ones included. */
    synchronized int size() {
        return rows - removed;
    }

    /** How many rows are not {@link MediaStatus#DELETED}. */
    synchronized int live() {
        return live;
    }

    /** The row of {@code path}, with {@code path} itself as its path; null when there is none. */
    synchronized KnownFile get(Path path) {
        String text = path.toString();
        int row = rowOf(text, RowTable.mix(text.hashCode()));
        return row < 0 ? null : file(row, path);
    }

    /** The rows that are not deleted and whose luid {@code wanted} accepts, in row order. */
    synchronized List<KnownFile> liveRows(LongPredicate wanted) {
        List<KnownFile> files = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            if ((flags[row] & REMOVED) == 0 && status(row) != MediaStatus.DELETED && wanted.test(luids[row])) {
                files.add(file(row, fileSystem.getPath(texts.text(row))));
            }
        }
        return files;
    }

    /** A copy of the rows in {@code folder} or below it. */
    synchronized PackedRows below(Path folder) {
        PackedRows copy = new PackedRows(fileSystem);
        copyBelow(folder, copy);
        return copy;
    }

    /** Adds to {@code to} the rows in {@code folder} or below it (replacing rows of the same path or luid). */
    synchronized void copyBelow(Path folder, PackedRows to) {
        String prefix = texts.prefix(folder.toString());
        for (int row = 0; row < rows; row++) {
            if ((flags[row] & REMOVED) == 0 && texts.under(row, prefix)) {
                to.put(file(row, fileSystem.getPath(texts.text(row))));
            }
        }
    }

    /**
     * Adds {@code file}, or replaces the row of its path; a row of the same luid elsewhere is removed first (a luid
     * is one row).
     */
    synchronized void put(KnownFile file) {
        String text = file.path().toString();
        int hash = RowTable.mix(text.hashCode());
        int row = rowOf(text, hash);
        int other = rowOf(file.luid());
        if (other >= 0 && other != row) {
            remove(other);
        }
        if (row < 0) {
            row = append(text, hash, file.luid());
        } else if (luids[row] != file.luid()) {
            // Another row's path (a move onto a deleted row's path): that row is gone from the catalog.
            byLuid.remove(luidHash(luids[row]), row, this::luidHashOf);
            luids[row] = file.luid();
            byLuid.add(luidHash(file.luid()), row, this::luidHashOf);
        }
        set(row, file);
    }

    /** Removes the row of {@code luid}, if held. */
    synchronized void removeLuid(long luid) {
        int row = rowOf(luid);
        if (row >= 0) {
            remove(row);
        }
    }

    /** Shrinks the arrays to the rows held (rows removed since the last time are dropped); nothing when they fit. */
    synchronized void trim() {
        if (removed > 0) {
            compact();
        }
        texts.trim();
        if (luids.length == rows) {
            return; // a scan that added nothing: no copy of every array
        }
        luids = Arrays.copyOf(luids, rows);
        sizes = Arrays.copyOf(sizes, rows);
        modified = Arrays.copyOf(modified, rows);
        keyDevs = Arrays.copyOf(keyDevs, rows);
        keyInos = Arrays.copyOf(keyInos, rows);
        pathHashes = Arrays.copyOf(pathHashes, rows);
        flags = Arrays.copyOf(flags, rows);
    }

    private int rowOf(String text, int hash) {
        return byPath.find(hash, row -> pathHashes[row] == hash && texts.matches(row, text));
    }

    private int rowOf(long luid) {
        return byLuid.find(luidHash(luid), row -> luids[row] == luid);
    }

    private int append(String text, int hash, long luid) {
        if (rows == luids.length) {
            int capacity = Math.max(16, rows + (rows >> 1));
            luids = Arrays.copyOf(luids, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            modified = Arrays.copyOf(modified, capacity);
            keyDevs = Arrays.copyOf(keyDevs, capacity);
            keyInos = Arrays.copyOf(keyInos, capacity);
            pathHashes = Arrays.copyOf(pathHashes, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        int row = rows++;
        texts.append(text);
        pathHashes[row] = hash;
        luids[row] = luid;
        flags[row] = (byte) MediaStatus.DELETED.ordinal(); // not live until set
        byPath.add(hash, row, r -> pathHashes[r]);
        byLuid.add(luidHash(luid), row, this::luidHashOf);
        return row;
    }

    /** Sets the columns of row {@code row} (its path and luid are {@code file}'s already). */
    private void set(int row, KnownFile file) {
        boolean wasLive = status(row) != MediaStatus.DELETED;
        sizes[row] = file.size();
        int bits = file.status().ordinal() | (file.probed() ? PROBED : 0);
        oddTimes.remove(row);
        Instant time = file.modified();
        long millis = time.getEpochSecond() * 1000 + time.getNano() / 1_000_000;
        if (time.getNano() % 1_000_000 != 0 || Math.abs(time.getEpochSecond()) > Long.MAX_VALUE / 2000) {
            oddTimes.put(row, time);
            millis = 0;
        }
        modified[row] = millis;
        oddKeys.remove(row);
        keyDevs[row] = 0;
        keyInos[row] = 0;
        if (file.fileKey().isPresent()) {
            bits |= KEYED;
            String key = file.fileKey().get();
            if (!packKey(row, key)) {
                bits |= ODD_KEY;
                oddKeys.put(row, key);
            }
        }
        flags[row] = (byte) bits;
        live += (file.status() != MediaStatus.DELETED ? 1 : 0) - (wasLive ? 1 : 0);
    }

    private void remove(int row) {
        if (status(row) != MediaStatus.DELETED) {
            live--;
        }
        byPath.remove(pathHashes[row], row, r -> pathHashes[r]);
        byLuid.remove(luidHash(luids[row]), row, this::luidHashOf);
        flags[row] = (byte) REMOVED;
        oddKeys.remove(row);
        oddTimes.remove(row);
        removed++;
    }

    /** Rows in order without the removed ones (row numbers change; nobody outside holds them). */
    private void compact() {
        PackedRows copy = new PackedRows(fileSystem);
        for (int row = 0; row < rows; row++) {
            if ((flags[row] & REMOVED) == 0) {
                copy.put(file(row, fileSystem.getPath(texts.text(row))));
            }
        }
        texts = copy.texts;
        luids = copy.luids;
        sizes = copy.sizes;
        modified = copy.modified;
        keyDevs = copy.keyDevs;
        keyInos = copy.keyInos;
        pathHashes = copy.pathHashes;
        flags = copy.flags;
        oddKeys = copy.oddKeys;
        oddTimes = copy.oddTimes;
        rows = copy.rows;
        removed = 0;
        live = copy.live;
        byPath.reset(rows);
        byLuid.reset(rows);
        for (int row = 0; row < rows; row++) {
            byPath.add(pathHashes[row], row, r -> pathHashes[r]);
            byLuid.add(luidHash(luids[row]), row, this::luidHashOf);
        }
    }

    private KnownFile file(int row, Path path) {
        int bits = flags[row];
        Instant time = oddTimes.isEmpty() ? null : oddTimes.get(row);
        return new KnownFile(luids[row], path, sizes[row], time != null ? time : Instant.ofEpochMilli(modified[row]),
                fileKey(row, bits), STATUSES[bits & STATUS], (bits & PROBED) != 0);
    }

    private MediaStatus status(int row) {
        return (flags[row] & REMOVED) != 0 ? MediaStatus.DELETED : STATUSES[flags[row] & STATUS];
    }

    private Optional<String> fileKey(int row, int bits) {
        if ((bits & KEYED) == 0) {
            return Optional.empty();
        }
        return Optional.of((bits & ODD_KEY) != 0 ? oddKeys.get(row) : unixKey(keyDevs[row], keyInos[row]));
    }

    /** Stores a Unix file key's two numbers when the text is exactly what the JDK writes for them. */
    private boolean packKey(int row, String key) {
        long[] numbers = new long[2];
        if (!unixKeyNumbers(key, numbers)) {
            return false;
        }
        keyDevs[row] = numbers[0];
        keyInos[row] = numbers[1];
        return true;
    }

    /**
     * Reads a Unix file key's text ({@code (dev=…,ino=…)}, as {@code sun.nio.fs.UnixFileKey} writes it) into its
     * device and inode numbers; false, and {@code into} unchanged, when the text is not exactly that.
     */
    static boolean unixKeyNumbers(String key, long[] into) {
        int ino = key.indexOf(KEY_INO);
        if (!key.startsWith(KEY_DEV) || ino < 0 || !key.endsWith(")")) {
            return false;
        }
        try {
            long dev = Long.parseUnsignedLong(key, KEY_DEV.length(), ino, 16);
            long inode = Long.parseLong(key, ino + KEY_INO.length(), key.length() - 1, 10);
            if (!unixKey(dev, inode).equals(key)) {
                return false;
            }
            into[0] = dev;
            into[1] = inode;
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The text of {@code sun.nio.fs.UnixFileKey}: what {@code BasicFileAttributes.fileKey().toString()} gives. */
    private static String unixKey(long dev, long inode) {
        return KEY_DEV + Long.toHexString(dev) + KEY_INO + inode + ")";
    }

    private int luidHashOf(int row) {
        return luidHash(luids[row]);
    }

    private static int luidHash(long luid) {
        return RowTable.mix(Long.hashCode(luid));
    }
}
