package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code ArchiveReader} is responsible for reading a backup archive into a staging folder, refusing what is not a
 * peer backup (no or another manifest, unexpected or unsafe entry names, a newer layout) and what is damaged (bad
 * zip, CRC errors), before anything of the peer is touched.
 */
final class ArchiveReader {

    /** What an archive holds, staged: the manifest and the files extracted, by entry name. */
    record Staged(Properties manifest, Path folder, List<String> entries) {

        String peerId() {
            return manifest.getProperty(BackupConstants.KEY_PEER_ID, "");
        }

        int schemaVersion() {
            return Integer.parseInt(manifest.getProperty(BackupConstants.KEY_SCHEMA_VERSION, "-1").trim());
        }

        Path file(String entry) {
            return folder.resolve(entry);
        }
    }

    private ArchiveReader() {
    }

    static Staged stage(Path archive, Path staging) throws RestoreException {
        if (!Files.isRegularFile(archive)) {
            throw new RestoreException("no such archive: " + archive);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Properties manifest = manifest(zip, archive);
            List<String> entries = new ArrayList<>();
            for (ZipEntry entry : Collections.list((Enumeration<ZipEntry>) zip.entries())) {
                String name = entry.getName();
                if (name.equals(BackupConstants.MANIFEST)) {
                    continue;
                }
                if (!allowed(name)) {
                    throw new RestoreException("refused " + archive + ": not a Giggityflix peer backup (unexpected"
                            + " entry '" + name + "')");
                }
                Path target = staging.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                entries.add(name);
            }
            if (!entries.contains(BackupConstants.CATALOG)) {
                throw new RestoreException("refused " + archive + ": it holds no catalog (" + BackupConstants.CATALOG
                        + ")");
            }
            return new Staged(manifest, staging, entries);
        } catch (ZipException e) {
            throw new RestoreException("refused " + archive + ": not a readable zip archive, corrupt or not a"
                    + " backup (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RestoreException("refused " + archive + ": cannot read it (" + e + ")", e);
        }
    }

    private static Properties manifest(ZipFile zip, Path archive) throws IOException, RestoreException {
        ZipEntry entry = zip.getEntry(BackupConstants.MANIFEST);
        if (entry == null) {
            throw new RestoreException("refused " + archive + ": not a Giggityflix peer backup (no "
                    + BackupConstants.MANIFEST + ")");
        }
        Properties manifest = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            manifest.load(in);
        }
        if (!BackupConstants.FORMAT.equals(manifest.getProperty(BackupConstants.KEY_FORMAT))) {
            throw new RestoreException("refused " + archive + ": not a Giggityflix peer backup (format '"
                    + manifest.getProperty(BackupConstants.KEY_FORMAT) + "')");
        }
        int version;
        try {
            version = Integer.parseInt(manifest.getProperty(BackupConstants.KEY_FORMAT_VERSION, "").trim());
            Integer.parseInt(manifest.getProperty(BackupConstants.KEY_SCHEMA_VERSION, "").trim());
        } catch (NumberFormatException e) {
            throw new RestoreException("refused " + archive + ": its " + BackupConstants.MANIFEST + " is damaged", e);
        }
        if (version > BackupConstants.FORMAT_VERSION) {
            throw new RestoreException("refused " + archive + ": written by a newer peer (backup format " + version
                    + ", this peer reads up to " + BackupConstants.FORMAT_VERSION + "); upgrade the peer first");
        }
        if (manifest.getProperty(BackupConstants.KEY_PEER_ID, "").isBlank()) {
            throw new RestoreException("refused " + archive + ": its " + BackupConstants.MANIFEST
                    + " names no peer id");
        }
        return manifest;
    }

    /** Only the names a backup writes; never a path that climbs out or goes elsewhere. */
    static boolean allowed(String name) {
        if (name.equals(BackupConstants.CATALOG)) {
            return true;
        }
        if (name.startsWith(BackupConstants.DATA)) {
            String file = name.substring(BackupConstants.DATA.length());
            return plainName(file) && BackupConstants.isDataFile(file);
        }
        if (name.startsWith(BackupConstants.ETC)) {
            String file = name.substring(BackupConstants.ETC.length());
            return plainName(file) && BackupConstants.isSetting(file);
        }
        return false;
    }

    private static boolean plainName(String file) {
        return !file.isEmpty() && !file.contains("/") && !file.contains("\\") && !file.startsWith(".");
    }
}
