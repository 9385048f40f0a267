package org.giggityflix.peer.scanner.internal;

import java.util.Set;

/**
 * {@code ScannerConstants} is responsible for the names and defaults shared by this bundle's classes: the
 * configuration PID, its property names and their default values (the metatype refers to these too).
 */
public final class ScannerConstants {

    /** Configuration PID of the scanner and the hasher (one settings page for both). */
    public static final String PID = "org.giggityflix.peer.scanner";

    public static final String MEDIA_DIRS = "mediaDirs";
    public static final String INCLUDE_EXTENSIONS = "includeExtensions";
    public static final String EXCLUDE_DIRS = "excludeDirs";
    public static final String SCAN_INTERVAL_MINUTES = "scanIntervalMinutes";
    public static final String HASH_ALGORITHMS = "hashAlgorithms";
    public static final String EXTRACT_METADATA = "extractMetadata";
    public static final String WATCH_ENABLED = "watchEnabled";
    public static final String READERS_PER_DRIVE = "readersPerDrive";
    public static final String SETTLE_SECONDS = "settleSeconds";

    public static final String DEFAULT_INCLUDE_EXTENSIONS = ".mp4,.mkv,.avi,.mov";
    public static final int DEFAULT_SCAN_INTERVAL_MINUTES = 60;
    public static final String DEFAULT_HASH_ALGORITHMS = "md5,sha1";
    public static final boolean DEFAULT_EXTRACT_METADATA = true;
    public static final boolean DEFAULT_WATCH_ENABLED = true;
    public static final int DEFAULT_READERS_PER_DRIVE = 1;
    public static final int DEFAULT_SETTLE_SECONDS = 3;

    /**
     * Service property a {@code MediaProbe} sets to {@code true} to add its extensions to the scanner's include
     * list, so installing a codec bundle is enough to catalog a new format.
     */
    public static final String PROBE_INCLUDE_PROPERTY = "scanner.include";

    /** Folders that operating systems and NAS boxes create and that never hold the owner's media. */
    public static final Set<String> SYSTEM_FOLDERS = Set.of(
            "lost+found", "$recycle.bin", "system volume information", "@eadir", "#recycle", "recycler",
            "$rmmetadata", ".trash", ".trashes", ".spotlight-v100", ".fseventsd");

    private ScannerConstants() {
    }
}
