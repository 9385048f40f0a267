package org.giggityflix.peer.backup.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code BackupConstants} is responsible for the backup archive's format (entry names, the manifest's keys) and the
 * names that the component, the retention and the restore tool share.
 *
 * <p>An archive is a zip file: {@value #MANIFEST} first, then {@value #CATALOG} (a consistent copy of the catalog),
 * {@code etc/NAME} for each settings file of {@link #isSetting}, and {@code data/NAME} for the peer id and the keys
 * directly in DATA_DIR ({@link #isDataFile}: {@code peer-id}, {@code *.key} such as the signed links' key, and the
 * hashed API tokens {@value #API_TOKENS_FILE}).
 */
final class BackupConstants {

    static final String PID = "org.giggityflix.peer.backup";

    static final String MANIFEST = "backup.properties";
    static final String CATALOG = "catalog.db";
    static final String DATA = "data/";
    static final String ETC = "etc/";

    /** The manifest's {@code format}: what tells a peer backup from any other zip file. */
    static final String FORMAT = "giggityflix-peer-backup";
    /** The archive layout's version; a restore tool refuses layouts newer than it knows. */
    static final int FORMAT_VERSION = 1;

    static final String KEY_FORMAT = "format";
    static final String KEY_FORMAT_VERSION = "formatVersion";
    static final String KEY_PEER_ID = "peerId";
    static final String KEY_SCHEMA_VERSION = "schemaVersion";
    static final String KEY_MEDIA_FILES = "mediaFiles";
    static final String KEY_CREATED = "created";

    /** The catalog's file under DATA_DIR, and the peer id's. */
    static final String DATABASE_FILE = "catalog.db";
    static final String PEER_ID_FILE = "peer-id";
    /** The API tokens (hashes only) that peer-web keeps in DATA_DIR. */
    static final String API_TOKENS_FILE = "api-tokens";

    /** Names of dated archives: {@code peer-backup-20261207-031500.zip} (UTC), so that name order is time order. */
    static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final Pattern DATED_ARCHIVE = Pattern.compile("peer-backup-(\\d{8}-\\d{6})\\.zip");
    static final String DEFAULT_FOLDER = "backups";

    /**
     * Karaf's files that belong to the peer's owner beside its own settings: console users, keys, SSH host key, and
     * the HTTPS certificate with the web server's settings that hold its store password (one is useless without the
     * other; a restored peer shows browsers the certificate they already accepted).
     */
    private static final Set<String> OWNER_FILES = Set.of("users.properties", "keys.properties", "peer-cli.key",
            "peer-admin.key", "host.key", "peer-https.p12", "org.ops4j.pax.web.cfg");

    private BackupConstants() {
    }

    /** Whether a file directly in DATA_DIR goes into a backup: the peer id and keys (not the catalog, not caches). */
    static boolean isDataFile(String fileName) {
        return fileName.equals(PEER_ID_FILE) || fileName.equals(API_TOKENS_FILE)
                || (fileName.endsWith(".key") && !fileName.startsWith("."));
    }

    /** Whether a file of {@code etc/} goes into a backup: the peer's settings, its users and its keys. */
    static boolean isSetting(String fileName) {
        return (fileName.startsWith("org.giggityflix.") && fileName.endsWith(".cfg")) || OWNER_FILES.contains(fileName);
    }
}
