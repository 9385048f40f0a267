package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ControlMessage} is responsible for the small JSON vocabulary of the {@code control} data channel.
 * Viewer to peer: {@code {"type":"play"}}, {@code {"type":"pause"}}, {@code {"type":"seek","position":12.5}}
 * (seconds), {@code {"type":"stop"}}. Peer to viewer: {@link #status}.
 *
 * @param type     play, pause, seek or stop
 * @param position seconds, for seek
 */
record ControlMessage(Type type, double position) {

    enum Type { PLAY, PAUSE, SEEK, STOP }

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-zA-Z]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?)");

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
        return Optional.of(new ControlMessage(t, position));
    }

    /** The periodic report the viewer's page shows. */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps) {
        return String.format(Locale.ROOT, "{\"type\":\"status\",\"position\":%.3f,\"duration\":%.3f,"
                        + "\"paused\":%b,\"ended\":%b,\"width\":%d,\"height\":%d,\"maxBitrateKbps\":%d}",
                position, duration, paused, ended, width, height, bitrateKbps);
    }
}
