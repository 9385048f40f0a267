package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code ControlMessage} is responsible for the small JSON vocabulary of the {@code control} data channel.
 * Viewer to peer: {@code {"type":"play"}}, {@code {"type":"pause"}}, {@code {"type":"seek","position":12.5}}
 * (seconds), {@code {"type":"audio","track":"fra"}} (a stream index, {@code "2"} or {@code 2}, or a language;
 * {@code ""} for the default), {@code {"type":"stop"}}. Peer to viewer: {@link #status}, and {@link #refused} when an
 * audio switch names a track the file does not have (playing goes on with the track heard).
 *
 * @param type     play, pause, seek, audio or stop
 * @param position seconds, for seek
 * @param track    the wanted audio track, for audio
 */
record ControlMessage(Type type, double position, TrackChoice track) {

    enum Type { PLAY, PAUSE, SEEK, AUDIO, STOP }

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-zA-Z]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
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
        if (t == Type.AUDIO) {
            Matcher m = TRACK.matcher(text);
            if (!m.find()) {
                return Optional.empty();
            }
            track = TrackChoice.parse(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return Optional.of(new ControlMessage(t, position, track));
    }

    /** The periodic report the viewer's page shows. */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps, int audioTrack) {
        return String.format(Locale.ROOT, "{\"type\":\"status\",\"position\":%.3f,\"duration\":%.3f,"
                        + "\"paused\":%b,\"ended\":%b,\"width\":%d,\"height\":%d,\"maxBitrateKbps\":%d,"
                        + "\"audioTrack\":%d}",
                position, duration, paused, ended, width, height, bitrateKbps, audioTrack);
    }

    /** An audio switch that was refused, with the reason (which names the tracks there are). */
    static String refused(String reason) {
        return "{\"type\":\"refused\",\"reason\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
