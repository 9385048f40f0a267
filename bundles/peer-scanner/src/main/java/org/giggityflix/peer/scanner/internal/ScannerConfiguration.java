package org.giggityflix.peer.scanner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code ScannerConfiguration} is responsible for describing the scanner's settings to ConfigAdmin tools
 * ({@code config:edit}, the web UI) through metatype. The components read the raw properties leniently
 * (see {@link ScannerSettings}) so that a bad value is reported instead of failing activation.
 */
@ObjectClassDefinition(id = ScannerConstants.PID, name = "Giggityflix media scanner",
        description = "Which folders are scanned and watched, what is cataloged, and how files are hashed.")
public @interface ScannerConfiguration {

    @AttributeDefinition(name = "Media folders", required = false,
            description = "Comma-separated list of folders to scan (MEDIA_DIRS).")
    String mediaDirs() default "";

    @AttributeDefinition(name = "Included extensions",
            description = "Comma-separated file extensions to catalog, case-insensitive (INCLUDE_EXTENSIONS). "
                    + "Probes with scanner.include=true add theirs.")
    String includeExtensions() default ScannerConstants.DEFAULT_INCLUDE_EXTENSIONS;

    @AttributeDefinition(name = "Excluded folders", required = false,
            description = "Comma-separated folder names or absolute paths that are never scanned (EXCLUDE_DIRS).")
    String excludeDirs() default "";

    @AttributeDefinition(name = "Scan interval (minutes)", min = "0",
            description = "Minutes between periodic rescans; 0 turns them off (SCAN_INTERVAL_MINUTES).")
    int scanIntervalMinutes() default ScannerConstants.DEFAULT_SCAN_INTERVAL_MINUTES;

    @AttributeDefinition(name = "Hash algorithms",
            description = "Comma-separated hash algorithms computed for every file; any installed HashProvider "
                    + "(HASH_ALGORITHMS).")
    String hashAlgorithms() default ScannerConstants.DEFAULT_HASH_ALGORITHMS;

    @AttributeDefinition(name = "Extract metadata",
            description = "Probe files for duration, size and codecs when a MediaProbe is installed "
                    + "(EXTRACT_METADATA).")
    boolean extractMetadata() default ScannerConstants.DEFAULT_EXTRACT_METADATA;

    @AttributeDefinition(name = "Watch folders live",
            description = "Notice new, changed and removed files within seconds (inotify on Linux).")
    boolean watchEnabled() default ScannerConstants.DEFAULT_WATCH_ENABLED;

    @AttributeDefinition(name = "Readers per drive", min = "1",
            description = "Large files (over 1 MiB) read at the same time from one drive while hashing; each"
                    + " also lets up to 4 small files (one read request each) be read at once, never beside"
                    + " a large one.")
    int readersPerDrive() default ScannerConstants.DEFAULT_READERS_PER_DRIVE;

    @AttributeDefinition(name = "Settle time (seconds)", min = "0",
            description = "A file must stop changing this long before it is hashed (a copy still running).")
    int settleSeconds() default ScannerConstants.DEFAULT_SETTLE_SECONDS;
}
