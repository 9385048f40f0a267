package org.giggityflix.peer.scanner.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code SeenKeys} is responsible for the walk's memory of which files and folders it has visited (by their file
 * system identity: {@link FolderReader#identity}), so that a file reachable twice is found once, in about 35 bytes
 * per file instead of the 75 that a {@code HashSet} of the JDK's key objects takes: a first scan of 1,000,000 files
 * keeps one per file until its walk ends.
 *
 * <p>A Unix key ({@code (dev=…,ino=…)}) is held as its two numbers in an open-addressing table (linear probing, at
 * most three quarters full); any other identity (another platform's key, a real path) in a set as it is. The walk's
 * thread's alone.
 */
final class SeenKeys {

    private long[] devs = new long[0];
    private long[] inodes = new long[0];
    private boolean[] used = new boolean[0];
    private int count;
    private final Set<Object> others = new HashSet<>();
    private final long[] numbers = new long[2];

    /** Adds {@code identity}; false when it was there already. */
    boolean add(Object identity) {
        if (!PackedRows.unixKeyNumbers(identity.toString(), numbers)) {
            return others.add(identity);
        }
        if (4 * (count + 1) > 3 * used.length) {
            grow();
        }
        return insert(numbers[0], numbers[1]);
    }

    /** How many identities are held. */
    int size() {
        return count + others.size();
    }

    private boolean insert(long dev, long inode) {
        int mask = used.length - 1;
        for (int i = slot(dev, inode) & mask; ; i = (i + 1) & mask) {
            if (!used[i]) {
                used[i] = true;
                devs[i] = dev;
                inodes[i] = inode;
                count++;
                return true;
            }
            if (devs[i] == dev && inodes[i] == inode) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldDevs = devs;
        long[] oldInodes = inodes;
        boolean[] oldUsed = used;
        int capacity = Math.max(64, used.length * 2);
        devs = new long[capacity];
        inodes = new long[capacity];
        used = new boolean[capacity];
        count = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                insert(oldDevs[i], oldInodes[i]);
            }
        }
    }

    private static int slot(long dev, long inode) {
        return RowTable.mix(Long.hashCode(inode * 31 + dev));
    }
}
