package org.giggityflix.peer.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;

/**
 * {@code StreamJson} is responsible for the API's form of a file's streams (tracks): one object per stream with the
 * names the player and the detail page read ({@code index, kind, codec, ... language, title, default, forced}), and
 * the two facts a library card shows without the stream list (bit depth and HDR transfer of the main video).
 * Every name is present in every object, {@code null} when the file does not state it or it does not apply.
 */
final class StreamJson {

    private StreamJson() {
    }

    static List<Map<String, Object>> list(MediaMetadata metadata) {
        return metadata.streams().stream().map(StreamJson::of).toList();
    }

    static Map<String, Object> of(MediaStream s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", s.index());
        out.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        out.put("codec", s.codec());
        out.put("profile", s.profile());
        out.put("width", s.width());
        out.put("height", s.height());
        out.put("codedWidth", s.codedWidth());
        out.put("codedHeight", s.codedHeight());
        out.put("sampleAspectRatio", s.sampleAspectRatio());
        out.put("rotation", s.rotation());
        out.put("flipped", s.rotation() == null ? null : s.flipped());
        out.put("pixelFormat", s.pixelFormat());
        out.put("bitDepth", s.bitDepth());
        out.put("hdr", s.hdr() == null ? null : s.hdr().name());
        out.put("frameRate", s.frameRate());
        out.put("channels", s.channels());
        out.put("channelLayout", s.channelLayout());
        out.put("sampleRate", s.sampleRate());
        out.put("language", s.language());
        out.put("title", s.title());
        out.put("default", s.defaultTrack());
        out.put("forced", s.forced());
        return out;
    }

    /** Adds the main video's {@code bitDepth} and {@code hdr} to a file's metadata object (null without video). */
    static void summary(MediaMetadata metadata, Map<String, Object> out) {
        out.put("bitDepth", metadata.mainVideo().map(MediaStream::bitDepth).orElse(null));
        out.put("hdr", metadata.mainVideo().map(MediaStream::hdr).map(Enum::name).orElse(null));
    }
}
