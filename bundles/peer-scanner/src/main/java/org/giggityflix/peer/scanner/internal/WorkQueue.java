package org.giggityflix.peer.scanner.internal;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code WorkQueue} is responsible for holding the hashing work a scan decided ({@link WorkItem}s, in order) until
 * the hashing stage takes it, compactly: a first scan of 1,000,000 files queues one item per file before the first
 * is hashed, and a {@code WorkItem} with its {@code FoundFile} and {@code Path} takes a few hundred bytes.
 *
 * <p>The common item — hash a cataloged file with every algorithm the scan uses — is kept as numbers in arrays and
 * its path text in {@link PathTexts} (each folder once, names as bytes), about 100 bytes; it comes back as an equal
 * item with a new {@code FoundFile} of the same path, root, size and modification time (without the file key, which
 * hashing a cataloged file does not use). Any other item (a move to tell by digests, a probe only, some digests
 * only) is kept as it is. Items are read back once, in order, by {@link #iterator}; the scan thread's alone.
 */
final class WorkQueue implements Iterable<WorkItem> {

    private static final byte PROBE = 0x01;

    private final Set<String> algorithms;
    /** Per item in order: a packed row's number ({@code >= 0}), or {@code -1 - n} for {@link #others}' n-th. */
    private int[] order = new int[0];
    private int items;
    private final List<WorkItem> others = new ArrayList<>();
    private final List<Path> roots = new ArrayList<>();
    private FileSystem fileSystem;
    private PathTexts texts;
    private long[] luids = new long[0];
    private long[] sizes = new long[0];
    private long[] modified = new long[0];
    private int[] rootOf = new int[0];
    private byte[] flags = new byte[0];
    private int packed;

    /** @param algorithms the scan's digests: an item wanting exactly these (the common case) is packed */
    WorkQueue(Set<String> algorithms) {
        this.algorithms = algorithms;
    }

    /** Adds {@code item} after those added before. */
    void add(WorkItem item) {
        if (items == order.length) {
            order = Arrays.copyOf(order, Math.max(16, items + (items >> 1)));
        }
        order[items++] = packable(item) ? pack(item) : -1 - others.size();
        if (order[items - 1] < 0) {
            others.add(item);
        }
    }

    int size() {
        return items;
    }

    boolean isEmpty() {
        return items == 0;
    }

    /** The items in the order added, each made (a packed one) when it is reached. */
    @Override
    public Iterator<WorkItem> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items;
            }

            @Override
            public WorkItem next() {
                if (next >= items) {
                    throw new NoSuchElementException();
                }
                int at = order[next++];
                return at < 0 ? others.get(-1 - at) : unpack(at);
            }
        };
    }

    private boolean packable(WorkItem item) {
        FoundFile file = item.file();
        return item.kind() == WorkItem.Kind.HASH && item.luid() >= 0 && item.candidates().isEmpty()
                && item.algorithms().equals(algorithms)
                && (fileSystem == null || file.path().getFileSystem() == fileSystem);
    }

    private int pack(WorkItem item) {
        FoundFile file = item.file();
        if (fileSystem == null) {
            fileSystem = file.path().getFileSystem();
            texts = new PathTexts(fileSystem.getSeparator());
        }
        if (packed == luids.length) {
            int capacity = Math.max(16, packed + (packed >> 1));
            luids = Arrays.copyOf(luids, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            modified = Arrays.copyOf(modified, capacity);
            rootOf = Arrays.copyOf(rootOf, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        int row = packed++;
        texts.append(file.path().toString());
        luids[row] = item.luid();
        sizes[row] = file.size();
        modified[row] = file.modifiedMillis();
        rootOf[row] = rootNumber(file.root());
        flags[row] = item.probeWanted() ? PROBE : 0;
        return row;
    }

    private WorkItem unpack(int row) {
        FoundFile file = new FoundFile(fileSystem.getPath(texts.text(row)), roots.get(rootOf[row]), sizes[row],
                modified[row], null);
        return new WorkItem(WorkItem.Kind.HASH, file, luids[row], List.of(), algorithms,
                (flags[row] & PROBE) != 0);
    }

    /** Roots are few (the media dirs): the last one is nearly always the one asked for. */
    private int rootNumber(Path root) {
        int last = roots.size() - 1;
        if (last >= 0 && roots.get(last).equals(root)) {
            return last;
        }
        int known = roots.indexOf(root);
        if (known >= 0) {
            return known;
        }
        roots.add(root);
        return roots.size() - 1;
    }
}
