package org.giggityflix.peer.scanner.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code PathTexts} is responsible for the path texts of a {@link PackedRows}, row by row, without a {@code Path} or
 * {@code String} per row: each row is its folder (the text up to and including the last separator, shared by every
 * file of that folder) and its name's characters in one byte array — one byte per character when every character
 * of the name fits in Latin-1 (nearly every name), two otherwise, so any Java string comes back exactly.
 *
 * <p>Rows are appended in order and never change their text; a row removed from the {@link PackedRows} keeps its
 * bytes until the rows are {@linkplain #copy copied} compactly. Reads from several threads are safe while nobody
 * writes.
 */
final class PathTexts {

    /** Marks, in {@link #ends}, a name stored as two bytes per character. */
    private static final int WIDE = 0x8000_0000;

    private final String separator;
    private final ArrayList<String> folders = new ArrayList<>();
    /** Folder text to its number, while rows are being added; dropped by {@link #trim} (rebuilt when needed). */
    private Map<String, Integer> folderNumbers;
    private int[] folderOf = new int[0];
    /** Where each row's name ends in {@link #names} (it starts where the previous row's ends), with {@link #WIDE}. */
    private int[] ends = new int[0];
    private byte[] names = new byte[0];
    private int length;
    private int rows;

    PathTexts(String separator) {
        this.separator = separator;
    }

    /** Appends the text of row {@link #rows()} (the next one). */
    void append(String text) {
        int last = text.lastIndexOf(separator);
        int cut = last < 0 ? 0 : last + separator.length();
        String folder = text.substring(0, cut);
        boolean wide = false;
        for (int i = cut; i < text.length() && !wide; i++) {
            wide = text.charAt(i) > 0xFF;
        }
        int chars = text.length() - cut;
        int bytes = wide ? chars * 2 : chars;
        if (rows == ends.length) {
            int capacity = Math.max(16, rows + (rows >> 1));
            ends = Arrays.copyOf(ends, capacity);
            folderOf = Arrays.copyOf(folderOf, capacity);
        }
        if (length + bytes > names.length) {
            names = Arrays.copyOf(names, Math.max(Math.max(256, length + bytes), names.length + (names.length >> 1)));
        }
        for (int i = cut, at = length; i < text.length(); i++) {
            char c = text.charAt(i);
            if (wide) {
                names[at++] = (byte) (c >>> 8);
            }
            names[at++] = (byte) c;
        }
        length += bytes;
        folderOf[rows] = folderNumber(folder);
        ends[rows] = length | (wide ? WIDE : 0);
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Whether row {@code row}'s text is {@code text}. */
    boolean matches(int row, String text) {
        String folder = folders.get(folderOf[row]);
        int start = start(row);
        int end = ends[row] & ~WIDE;
        boolean wide = (ends[row] & WIDE) != 0;
        int chars = wide ? (end - start) / 2 : end - start;
        if (text.length() != folder.length() + chars || !text.startsWith(folder)) {
            return false;
        }
        for (int i = folder.length(), at = start; i < text.length(); i++) {
            char c = wide ? (char) ((names[at++] & 0xFF) << 8 | names[at++] & 0xFF) : (char) (names[at++] & 0xFF);
            if (text.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Row {@code row}'s text. */
    String text(int row) {
        int start = start(row);
        int end = ends[row] & ~WIDE;
        String folder = folders.get(folderOf[row]);
        if ((ends[row] & WIDE) == 0) {
            return folder.concat(new String(names, start, end - start, StandardCharsets.ISO_8859_1));
        }
        // Character by character: a decoder would replace a lone surrogate, which a file name may hold.
        char[] name = new char[(end - start) / 2];
        for (int i = 0, at = start; i < name.length; i++, at += 2) {
            name[i] = (char) ((names[at] & 0xFF) << 8 | names[at + 1] & 0xFF);
        }
        return folder.concat(new String(name));
    }

    /** Whether row {@code row} is in folder {@code prefix} (a folder text ending with the separator) or below it. */
    boolean under(int row, String prefix) {
        return folders.get(folderOf[row]).startsWith(prefix);
    }

    /** The separator-terminated text of {@code folder}, for {@link #under}. */
    String prefix(String folder) {
        return folder.endsWith(separator) ? folder : folder + separator;
    }

    /** Copies row {@code row} to the end of {@code to}. */
    void copy(int row, PathTexts to) {
        to.append(text(row));
    }

    /**
     * Shrinks the arrays to what the rows use (when they have room to spare) and forgets the folder index (rows
     * appended later rebuild it).
     */
    void trim() {
        if (ends.length != rows) {
            ends = Arrays.copyOf(ends, rows);
            folderOf = Arrays.copyOf(folderOf, rows);
        }
        if (names.length != length) {
            names = Arrays.copyOf(names, length);
        }
        folders.trimToSize();
        folderNumbers = null;
    }

    private int start(int row) {
        return row == 0 ? 0 : ends[row - 1] & ~WIDE;
    }

    private int folderNumber(String folder) {
        if (folderNumbers == null) {
            folderNumbers = new HashMap<>();
            for (int i = 0; i < folders.size(); i++) {
                folderNumbers.put(folders.get(i), i);
            }
        }
        Integer number = folderNumbers.get(folder);
        if (number == null) {
            number = folders.size();
            folders.add(folder);
            folderNumbers.put(folder, number);
        }
        return number;
    }
}
