package org.giggityflix.peer.scanner.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.KnownFile;

/**
 * {@code FolderReader} is responsible for reading one folder of a walk: listing it, reading the attributes of its
 * entries (the system calls of a walk) and applying the rules to each, on whichever thread asks (the walk's, or a
 * worker reading ahead of it). It decides nothing about the walk itself: the order, the dedupe and the problem
 * lines stay with {@link TreeWalker}.
 */
final class FolderReader {

    /**
     * One entry of a folder: its attributes, or why they could not be read, or that its name cannot be used; and
     * what the rules say of it, decided where it was read: whether the walk may enter it (a folder), or the
     * {@link FoundFile} it is (a media file), with its file system key for the dedupe.
     */
    record Entry(Path path, boolean representable, BasicFileAttributes attributes, IOException failure,
                 boolean enters, FoundFile file, Object key) {

        static Entry unrepresentable(Path path) {
            return new Entry(path, false, null, null, false, null, null);
        }

        static Entry failed(Path path, IOException failure) {
            return new Entry(path, true, null, failure, false, null, null);
        }
    }

    /** A folder's entries in name order (hidden ones left out), and why listing stopped early, if it did. */
    record Listing(List<Entry> entries, Exception failure) {
    }

    private FolderReader() {
    }

    /**
     * Lists a folder and reads the attributes of its entries, and applies the rules to each; thread-safe. Hidden
     * entries are left out without a {@code stat}, names that cannot be used are marked and not examined.
     * Modification times are kept to the millisecond: what every catalog store can hold and compare.
     */
    static Listing read(Path folder, Path root, PathRules rules, Function<Path, KnownFile> known) {
        List<Path> paths = new ArrayList<>();
        Exception failure = null;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(paths::add);
        } catch (IOException | DirectoryIteratorException e) {
            failure = e;
        }
        paths.sort(Comparator.comparing(Path::toString));
        List<Entry> entries = new ArrayList<>(paths.size());
        for (Path path : paths) {
            // The name is read in the path's text (already made for sorting): no second Path, decoding or copy.
            String text = path.toString();
            int nameStart = text.lastIndexOf(File.separatorChar) + 1;
            if (!representable(path, text, nameStart)) {
                entries.add(Entry.unrepresentable(path));
            } else if (!PathRules.hidden(text, nameStart)) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (IOException e) {
                    entries.add(Entry.failed(path, e));
                    continue;
                }
                if (attributes.isDirectory()) {
                    entries.add(new Entry(path, true, attributes, null, rules.entersDirectory(path), null, null));
                } else if (attributes.isRegularFile() && rules.includesFile(text, nameStart)) {
                    Object key = attributes.fileKey(); // a new object per call: once
                    FoundFile file = new FoundFile(path, root, attributes.size(), millis(attributes), key,
                            known.apply(path));
                    if (file.known() == null) {
                        file.prepareNew(); // here rather than on the thread that catalogs it
                    }
                    entries.add(new Entry(path, true, attributes, null, false, file, key));
                }
            }
        }
        return new Listing(entries, failure);
    }

    /**
     * What the walk dedupes folders and files by: the file system's key (device and inode), or the real path where
     * the file system has no key.
     */
    static Object identity(Path path, BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        if (key != null) {
            return key;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /**
     * Whether the name survives a round trip through a String; if not, the catalog could never open it again. An
     * ASCII name always does (it is checked first: nearly every name is one, and the round trip allocates).
     */
    private static boolean representable(Path entry, String text, int nameStart) {
        boolean ascii = nameStart < text.length();
        for (int i = nameStart; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            return true;
        }
        String name = text.substring(nameStart);
        Path fileName = entry.getFileName();
        if (fileName == null) {
            return false;
        }
        try {
            return entry.getFileSystem().getPath(name).equals(fileName) && name.indexOf('\uFFFD') < 0;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static long millis(BasicFileAttributes attributes) {
        FileTime time = attributes.lastModifiedTime();
        long millis = time.to(TimeUnit.MILLISECONDS);
        if (millis >= 0 && millis < Long.MAX_VALUE) {
            return millis; // truncation is the floor for times after 1970, without an Instant
        }
        try {
            return time.toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            return attributes.lastModifiedTime().toInstant().isBefore(Instant.EPOCH) ? Long.MIN_VALUE
                    : Long.MAX_VALUE;
        }
    }
}
