package org.giggityflix.peer.stream.http.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ContentTypes} is responsible for the media type a file is served with, by extension, so browsers decide
 * correctly whether they can play it directly.
 */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("mov", "video/quicktime"),
            Map.entry("avi", "video/x-msvideo"), Map.entry("ts", "video/mp2t"), Map.entry("mpg", "video/mpeg"),
            Map.entry("mpeg", "video/mpeg"), Map.entry("wmv", "video/x-ms-wmv"), Map.entry("flv", "video/x-flv"),
            Map.entry("ogv", "video/ogg"), Map.entry("3gp", "video/3gpp"), Map.entry("y4m", "video/x-yuv4mpeg"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("srt", "application/x-subrip"), Map.entry("vtt", "text/vtt"));

    private ContentTypes() {
    }

    static String of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }
}
