package org.giggityflix.peer.stream.http.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PlayPath} is responsible for what the player asks the browser before it plays a file directly: the media
 * type with an RFC 6381 {@code codecs} string built from the catalog's container and codecs (for
 * {@code canPlayType} / {@code MediaCapabilities}), the same for the video and the audio alone (so that a refusal can
 * be told apart: "cannot play HEVC" or "cannot play AC-3 audio"), and the words the page shows ("H.264 in MP4").
 * A container or codec no browser plays (AVI, Xvid, DTS …) gives no candidate and the reason instead: the page
 * then goes straight to WebRTC.
 */
final class PlayPath {

    /**
     * What to ask the browser.
     *
     * @param type      the whole file, e.g. {@code video/mp4; codecs="avc1.640028, mp4a.40.2"}
     * @param videoType the container with the video codec alone (null without video)
     * @param audioType the container with the audio codec alone (null without audio)
     * @param label     e.g. {@code H.264 in MP4}, {@code VP9 and Opus in WebM}
     * @param video     the video codec's name for people, e.g. {@code HEVC} (null without video)
     * @param audio     the audio codec's name for people, e.g. {@code AC-3} (null without audio)
     */
    record Candidate(String type, String videoType, String audioType, String label, String video, String audio) {
    }

    /** The decision the server can make alone: a candidate to ask the browser about, or why there is none. */
    record Decision(Optional<Candidate> candidate, String reason) {
    }

    private record Container(String mime, String name) {
    }

    private record Codec(String rfc6381, String name) {
    }

    private static final Map<String, Container> CONTAINERS = Map.of(
            "mp4", new Container("video/mp4", "MP4"), "mov", new Container("video/mp4", "QuickTime"),
            "m4v", new Container("video/mp4", "MP4"), "m4a", new Container("video/mp4", "MP4"),
            "3gp", new Container("video/mp4", "3GP"), "matroska", new Container("video/x-matroska", "Matroska"),
            "mkv", new Container("video/x-matroska", "Matroska"), "webm", new Container("video/webm", "WebM"));

    private static final Map<String, String> CONTAINER_NAMES = Map.of(
            "avi", "AVI", "asf", "WMV", "wmv", "WMV", "flv", "Flash video", "mpegts", "MPEG-TS", "ts", "MPEG-TS",
            "mpeg", "MPEG-PS", "mpg", "MPEG-PS", "yuv4mpegpipe", "Y4M", "y4m", "Y4M");

    private static final Map<String, Codec> VIDEO = Map.of(
            "h264", new Codec("avc1.640028", "H.264"), "hevc", new Codec("hvc1.1.6.L93.B0", "HEVC"),
            "h265", new Codec("hvc1.1.6.L93.B0", "HEVC"), "vp8", new Codec("vp8", "VP8"),
            "vp9", new Codec("vp09.00.10.08", "VP9"), "av1", new Codec("av01.0.05M.08", "AV1"));

    private static final Map<String, String> VIDEO_NAMES = Map.of(
            "mpeg4", "MPEG-4 Part 2 (Xvid/DivX)", "msmpeg4v3", "MS MPEG-4", "mpeg2video", "MPEG-2",
            "mpeg1video", "MPEG-1", "wmv3", "WMV", "vc1", "VC-1", "rawvideo", "raw video", "prores", "ProRes");

    private static final Map<String, Codec> AUDIO = Map.ofEntries(
            Map.entry("aac", new Codec("mp4a.40.2", "AAC")), Map.entry("mp3", new Codec("mp4a.6B", "MP3")),
            Map.entry("opus", new Codec("opus", "Opus")), Map.entry("vorbis", new Codec("vorbis", "Vorbis")),
            Map.entry("flac", new Codec("flac", "FLAC")), Map.entry("ac3", new Codec("ac-3", "AC-3")),
            Map.entry("eac3", new Codec("ec-3", "E-AC-3")));

    private static final Map<String, String> AUDIO_NAMES = Map.of(
            "dts", "DTS", "truehd", "Dolby TrueHD", "pcm_s16le", "PCM", "pcm_s24le", "PCM", "wmav2", "WMA",
            "mp2", "MPEG audio layer 2", "alac", "ALAC");

    private PlayPath() {
    }

    /**
     * @param container    the probe's container name ({@code mp4}, {@code matroska}, {@code webm}, {@code avi} …)
     * @param videoCodec   FFmpeg's video codec name or null
     * @param videoProfile the video profile as the probe states it ({@code High 10}, {@code Main 10}, …) or null
     * @param bitDepth     bits per video sample, or null when unknown
     * @param audioCodec   FFmpeg's audio codec name or null
     */
    static Decision decide(String container, String videoCodec, String videoProfile, Integer bitDepth,
                           String audioCodec) {
        String c = lower(container);
        if (c == null) {
            return new Decision(Optional.empty(), "the catalog knows no container of this file");
        }
        Container box = CONTAINERS.get(c);
        if (box == null) {
            return new Decision(Optional.empty(), "browsers do not play "
                    + CONTAINER_NAMES.getOrDefault(c, c.toUpperCase(Locale.ROOT)) + " files");
        }
        String v = lower(videoCodec);
        String a = lower(audioCodec);
        if (v == null && a == null) {
            return new Decision(Optional.empty(), "the catalog knows no codec of this file");
        }
        Codec video = null;
        if (v != null) {
            video = VIDEO.get(v);
            if (video == null) {
                return new Decision(Optional.empty(), "browsers do not play "
                        + VIDEO_NAMES.getOrDefault(v, v.toUpperCase(Locale.ROOT)) + " video");
            }
            video = profiled(v, video, lower(videoProfile), bitDepth);
        }
        Codec audio = null;
        if (a != null) {
            audio = AUDIO.get(a);
            if (audio == null) {
                return new Decision(Optional.empty(), "browsers do not play "
                        + AUDIO_NAMES.getOrDefault(a, a.toUpperCase(Locale.ROOT)) + " audio");
            }
        }
        String codecs = video == null ? audio.rfc6381() : audio == null ? video.rfc6381()
                : video.rfc6381() + ", " + audio.rfc6381();
        String label = (video == null ? audio.name() : audio == null ? video.name()
                : video.name() + " and " + audio.name()) + " in " + box.name();
        return new Decision(Optional.of(new Candidate(type(box, codecs), video == null ? null
                : type(box, video.rfc6381()), audio == null ? null : type(box, audio.rfc6381()), label,
                video == null ? null : video.name(), audio == null ? null : audio.name())), "");
    }

    /** The codec string of the profile the file really uses: High 10 H.264, HEVC Main 10, 10-bit VP9/AV1. */
    private static Codec profiled(String codec, Codec plain, String profile, Integer bitDepth) {
        boolean tenBit = bitDepth != null && bitDepth > 8 || profile != null && profile.contains("10");
        return switch (codec) {
            case "h264" -> profile == null ? plain
                    : profile.contains("10") ? new Codec("avc1.6E0028", "H.264 High 10")
                    : profile.contains("baseline") ? new Codec("avc1.42E01E", "H.264")
                    : profile.equals("main") ? new Codec("avc1.4D401F", "H.264") : plain;
            case "hevc", "h265" -> tenBit ? new Codec("hvc1.2.4.L93.B0", "HEVC Main 10") : plain;
            case "vp9" -> tenBit ? new Codec("vp09.02.10.10", "VP9 10-bit") : plain;
            case "av1" -> tenBit ? new Codec("av01.0.05M.10", "AV1 10-bit") : plain;
            default -> plain;
        };
    }

    private static String type(Container box, String codecs) {
        return box.mime() + "; codecs=\"" + codecs + "\"";
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
