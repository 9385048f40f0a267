package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code ControlMessage} is responsible for the small JSON vocabulary of the {@code control} data channel.
 * Viewer to peer: {@code {"type":"play"}}, {@code {"type":"pause"}}, {@code {"type":"seek","position":12.5}}
 * (seconds), {@code {"type":"audio","track":"fra"}} (a stream index, {@code "2"} or {@code 2}, or a language;
 * {@code ""} for the default), {@code {"type":"subtitles","track":3}} (a stream index, a language, {@code "off"}, or
 * {@code "auto"}: the forced subtitles of the audio's language), {@code {"type":"stop"}}. Peer to viewer:
 * {@link #status}, {@link #subtitles} when the subtitles shown change, {@link #cue} for each text cue when its time
 * comes, and {@link #refused} when a switch names a track the file does not have or cannot show (playing goes on
 * with what was heard and shown).
 *
 * @param type      play, pause, seek, audio, subtitles or stop
 * @param position  seconds, for seek
 * @param track     the wanted audio track, for audio
 * @param subtitles the wanted subtitles, for subtitles
 */
record ControlMessage(Type type, double position, TrackChoice track, SubtitleChoice subtitles) {

    enum Type { PLAY, PAUSE, SEEK, AUDIO, SUBTITLES, STOP }

    /** What a refusal is about. */
    static final String ABOUT_AUDIO = "audio";
    static final String ABOUT_SUBTITLES = "subtitles";

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-zA-Z]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern NO_TRACK = Pattern.compile("\"track\"\\s*:\\s*(?:null|false)");
    private static final Pattern TRACK = Pattern.compile("\"track\"\\s*:\\s*(?:\"([A-Za-z0-9_-]{0,32})\"|([0-9]{1,5}))");

    /** The message in {@code text}, or empty when it is not one (it is then ignored and logged). */
    static Optional<ControlMessage> parse(String text) {
        if (text == null || text.length() > 1024) {
            return Optional.empty();
        }
        Matcher type = TYPE.matcher(text);
        if (!type.find()) {
            return Optional.empty();
        }
        Type t;
        try {
            t = Type.valueOf(type.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double position = 0;
        if (t == Type.SEEK) {
            Matcher p = POSITION.matcher(text);
            if (!p.find()) {
                return Optional.empty();
            }
            position = Math.max(0, Double.parseDouble(p.group(1)));
        }
        TrackChoice track = TrackChoice.DEFAULT;
        SubtitleChoice subtitles = SubtitleChoice.AUTO;
        if (t == Type.AUDIO || t == Type.SUBTITLES) {
            Matcher m = TRACK.matcher(text);
            if (m.find()) {
                String value = m.group(1) != null ? m.group(1) : m.group(2);
                track = TrackChoice.parse(value);
                subtitles = SubtitleChoice.parse(value);
            } else if (t == Type.SUBTITLES && NO_TRACK.matcher(text).find()) {
                subtitles = SubtitleChoice.OFF;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ControlMessage(t, position, track, subtitles));
    }

    /** The periodic report the viewer's page shows. */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps, int audioTrack) {
        return status(position, duration, paused, ended, width, height, bitrateKbps, audioTrack, -1);
    }

    /** The periodic report the viewer's page shows, with the subtitle stream shown (-1: none). */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps, int audioTrack, int subtitleTrack) {
        return String.format(Locale.ROOT, "{\"type\":\"status\",\"position\":%.3f,\"duration\":%.3f,"
                        + "\"paused\":%b,\"ended\":%b,\"width\":%d,\"height\":%d,\"maxBitrateKbps\":%d,"
                        + "\"audioTrack\":%d,\"subtitles\":%d}",
                position, duration, paused, ended, width, height, bitrateKbps, audioTrack, subtitleTrack);
    }

    /** An audio switch that was refused, with the reason (which names the tracks there are). */
    static String refused(String reason) {
        return refused(ABOUT_AUDIO, reason);
    }

    /** A switch that was refused: {@code about} audio or subtitles, with the reason. */
    static String refused(String about, String reason) {
        return "{\"type\":\"refused\",\"about\":" + json(about) + ",\"reason\":" + json(reason) + "}";
    }

    /** The subtitles shown from now: {@code track} -1 for none; {@code mode} text, burn-in or off. */
    static String subtitles(int track, String mode) {
        return "{\"type\":\"subtitles\",\"track\":" + track + ",\"mode\":" + json(mode) + "}";
    }

    /** One text cue to show from {@code start} to {@code end} (seconds on the file's clock, as the status's position). */
    static String cue(int track, SubtitleCue cue) {
        return String.format(Locale.ROOT, "{\"type\":\"cue\",\"track\":%d,\"start\":%.3f,\"end\":%.3f,\"text\":%s}",
                track, cue.startSeconds(), cue.endSeconds(), json(cue.text()));
    }

    /** {@code text} as a JSON string. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
