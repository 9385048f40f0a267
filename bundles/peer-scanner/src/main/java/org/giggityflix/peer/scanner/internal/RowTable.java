package org.giggityflix.peer.scanner.internal;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * {@code RowTable} is responsible for finding a row of a {@link PackedRows} by a key's hash without an object per
 * row: an open-addressing table of row numbers (linear probing, deletion by shifting back), at most three quarters
 * full, so a lookup is a few array reads and the table costs 5 to 11 bytes per row.
 *
 * <p>The table holds only row numbers; the caller says what a row's hash is and whether a row is the one it looks
 * for. Hashes given to it must be mixed already ({@link #mix}). Reads from several threads are safe while nobody
 * writes.
 */
final class RowTable {

    private static final int[] EMPTY = new int[0];

    /** Row number + 1; 0 is an empty slot. */
    private int[] slots = EMPTY;
    private int used;

    /** Spreads a hash over the table's bits (row keys such as luids are sequential, path hashes cluster). */
    static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The first row of {@code hash} that {@code matches} accepts, or -1. */
    int find(int hash, IntPredicate matches) {
        int[] table = slots;
        if (table.length == 0) {
            return -1;
        }
        int mask = table.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) {
                return -1;
            }
            if (matches.test(slot - 1)) {
                return slot - 1;
            }
        }
    }

    /** Adds {@code row} under {@code hash}; {@code hashes} gives every row's hash when the table grows. */
    void add(int hash, int row, IntUnaryOperator hashes) {
        if ((used + 1L) * 4 > slots.length * 3L) {
            resize(Math.max(16, slots.length * 2), hashes);
        }
        place(hash, row);
        used++;
    }

    /** Removes {@code row}, held under {@code hash}; the rows after it in its run move back to where they belong. */
    void remove(int hash, int row, IntUnaryOperator hashes) {
        int[] table = slots;
        if (table.length == 0) {
            return;
        }
        int mask = table.length - 1;
        int hole = hash & mask;
        while (table[hole] != row + 1) {
            if (table[hole] == 0) {
                return; // not held
            }
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = hashes.applyAsInt(table[j] - 1) & mask;
            // The row at j stays where it is when its home lies cyclically after the hole, up to j.
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
        used--;
    }

    /** Empties the table and sizes it for {@code rows} rows (added again by the caller). */
    void reset(int rows) {
        int capacity = 16;
        while (capacity * 3L < rows * 4L) {
            capacity *= 2;
        }
        slots = rows == 0 ? EMPTY : new int[capacity];
        used = 0;
    }

    private void resize(int capacity, IntUnaryOperator hashes) {
        int[] old = slots;
        slots = new int[capacity];
        for (int slot : old) {
            if (slot != 0) {
                place(hashes.applyAsInt(slot - 1), slot - 1);
            }
        }
    }

    private void place(int hash, int row) {
        if (slots.length == 0) {
            slots = new int[16];
        }
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = row + 1;
    }
}
