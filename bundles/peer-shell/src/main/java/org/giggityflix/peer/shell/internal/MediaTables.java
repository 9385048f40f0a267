package org.giggityflix.peer.shell.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;

/**
 * {@code MediaTables} is responsible for laying out cataloged files as tables: a page of files, or one file in
 * full with its tracks.
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
                : m.width() + "x" + m.height() + badges(m));
        table.addRow().addContent("Video codec", orNone(m.videoCodec()));
        table.addRow().addContent("Audio codec", orNone(m.audioCodec()));
        table.addRow().addContent("Bitrate", m.bitrate() == null ? NONE
                : String.format(Locale.ROOT, "%.0f kb/s", m.bitrate() / 1000.0));
        table.addRow().addContent("Frame rate", m.frameRate() == null ? NONE
                : String.format(Locale.ROOT, "%.3f fps", m.frameRate()));
        table.addRow().addContent("Container", orNone(m.container()));
    }

    /**
     * The file's streams, one row each: index, kind, codec (and profile), what describes it (displayed size and how
     * it is stored, pixel format, bit depth, HDR, frame rate; channels, layout, sample rate), language, title and
     * flags. Empty when the file has no stream list (not probed yet, or probed before the peer listed streams).
     */
    static Optional<ShellTable> tracks(MediaFile f) {
        List<MediaStream> streams = f.metadata().map(MediaMetadata::streams).orElse(List.of());
        if (streams.isEmpty()) {
            return Optional.empty();
        }
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("Kind");
        table.column("Codec");
        table.column("Details");
        table.column("Language");
        table.column("Title");
        table.column("Flags");
        for (MediaStream s : streams) {
            String codec = s.codec() == null ? "unknown" : s.codec() + (s.profile() == null ? "" : " (" + s.profile() + ")");
            table.addRow().addContent(s.index(), s.kind().name().toLowerCase(Locale.ROOT), codec, details(s),
                    orNone(s.language()), orNone(s.title()), flags(s));
        }
        return Optional.of(table);
    }

    private static String details(MediaStream s) {
        List<String> parts = new ArrayList<>();
        switch (s.kind()) {
            case VIDEO -> {
                if (s.width() != null && s.height() != null) {
                    parts.add(s.width() + "x" + s.height());
                }
                boolean turned = s.rotation() != null && s.rotation() != 0;
                if (turned || s.flipped() || !Objects.equals(s.width(), s.codedWidth())) {
                    parts.add("stored " + s.codedWidth() + "x" + s.codedHeight()
                            + (turned ? " rotated " + s.rotation() : "") + (s.flipped() ? " mirrored" : ""));
                }
                if (s.sampleAspectRatio() != null && !s.sampleAspectRatio().equals("1:1")) {
                    parts.add("SAR " + s.sampleAspectRatio());
                }
                addIf(parts, s.pixelFormat());
                if (s.bitDepth() != null) {
                    parts.add(s.bitDepth() + "-bit");
                }
                if (s.hdr() != null) {
                    parts.add(s.isHdr() ? "HDR " + s.hdr().name() : "SDR");
                }
                if (s.frameRate() != null) {
                    parts.add(String.format(Locale.ROOT, "%.3f fps", s.frameRate()));
                }
            }
            case AUDIO -> {
                if (s.channels() != null) {
                    parts.add(s.channels() + " ch");
                }
                addIf(parts, s.channelLayout());
                if (s.sampleRate() != null) {
                    parts.add(s.sampleRate() + " Hz");
                }
            }
            default -> {
                // Subtitles and attachments: codec, language and title say it.
            }
        }
        return parts.isEmpty() ? NONE : String.join(", ", parts);
    }

    private static String flags(MediaStream s) {
        List<String> flags = new ArrayList<>();
        if (s.defaultTrack()) {
            flags.add("default");
        }
        if (s.forced()) {
            flags.add("forced");
        }
        return flags.isEmpty() ? NONE : String.join(", ", flags);
    }

    private static void addIf(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value);
        }
    }

    /** " (HDR PQ, 10-bit)" for what the library card badges, nothing for 8-bit SDR. */
    private static String badges(MediaMetadata m) {
        List<String> badges = new ArrayList<>();
        m.mainVideo().filter(MediaStream::isHdr).ifPresent(v -> badges.add("HDR " + v.hdr().name()));
        m.mainVideo().map(MediaStream::bitDepth).filter(depth -> depth > 8).ifPresent(d -> badges.add(d + "-bit"));
        return badges.isEmpty() ? "" : " (" + String.join(", ", badges) + ")";
    }

    private static String status(MediaFile f) {
        return f.status().name().toLowerCase(Locale.ROOT);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
