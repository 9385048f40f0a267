package org.giggityflix.peer.shell.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;

/**
 * {@code MediaTables} is responsible for laying out cataloged files as tables: a page of files, or one file in
 * full.
 */
final class MediaTables {

    private static final String NONE = "-";

    private MediaTables() {
    }

    static ShellTable list(List<MediaFile> files, ZoneId zone) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Status");
        table.column("Size").alignRight();
        table.column("Modified");
        table.column("Path");
        table.column("Catalog id");
        for (MediaFile f : files) {
            table.addRow().addContent(f.luid(), status(f), Formats.bytes(f.size()),
                    Formats.time(f.modified(), zone), f.relativePath(), f.catalogId().orElse(NONE));
        }
        return table;
    }

    static ShellTable details(MediaFile f, Map<String, String> hashes, ZoneId zone) {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Field");
        table.column("Value");
        table.addRow().addContent("Id", f.luid());
        table.addRow().addContent("Catalog id", f.catalogId().orElse("none yet (the Edge has not assigned one)"));
        table.addRow().addContent("Path", f.path());
        table.addRow().addContent("Media dir", f.mediaRoot());
        table.addRow().addContent("Relative path", f.relativePath());
        table.addRow().addContent("Size", Formats.bytes(f.size()) + " (" + Formats.count(f.size()) + " bytes)");
        table.addRow().addContent("Modified", Formats.time(f.modified(), zone));
        table.addRow().addContent("File key", f.fileKey().orElse(NONE));
        table.addRow().addContent("Status", status(f) + f.error().map(e -> ": " + e).orElse(""));
        table.addRow().addContent("Discovered", Formats.time(f.discovered(), zone));
        table.addRow().addContent("Updated", Formats.time(f.updated(), zone));
        f.metadata().ifPresentOrElse(m -> metadata(table, m),
                () -> table.addRow().addContent("Metadata", "not probed yet"));
        if (hashes.isEmpty()) {
            table.addRow().addContent("Hashes", "none stored yet (peer:hash " + f.luid() + " computes them)");
        }
        hashes.forEach((algo, hex) -> table.addRow().addContent("Hash " + algo, hex));
        return table;
    }

    private static void metadata(ShellTable table, MediaMetadata m) {
        table.addRow().addContent("Duration", m.durationSeconds() == null ? NONE
                : Formats.duration(Duration.ofMillis(Math.round(m.durationSeconds() * 1000))));
        table.addRow().addContent("Resolution", m.width() == null || m.height() == null ? NONE
                : m.width() + "x" + m.height());
        table.addRow().addContent("Video codec", orNone(m.videoCodec()));
        table.addRow().addContent("Audio codec", orNone(m.audioCodec()));
        table.addRow().addContent("Bitrate", m.bitrate() == null ? NONE
                : String.format(Locale.ROOT, "%.0f kb/s", m.bitrate() / 1000.0));
        table.addRow().addContent("Frame rate", m.frameRate() == null ? NONE
                : String.format(Locale.ROOT, "%.3f fps", m.frameRate()));
        table.addRow().addContent("Container", orNone(m.container()));
    }

    private static String status(MediaFile f) {
        return f.status().name().toLowerCase(Locale.ROOT);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
