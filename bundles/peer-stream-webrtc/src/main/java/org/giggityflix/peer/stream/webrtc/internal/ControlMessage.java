package org.giggityflix.peer.stream.webrtc.internal;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.json.Json;
import javax.json.JsonException;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.json.JsonString;
import javax.json.JsonValue;

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

    /** What a named track may be when sent as text: an index, a language, {@code off} or {@code auto}. */
    private static final Pattern TRACK_TEXT = Pattern.compile("[A-Za-z0-9_-]{0,32}");

    /**
     * The message in {@code text}, or empty when it is not one (it is then ignored and logged). The text is read by
     * javax.json: {@code 01} or {@code 1.} is not JSON and so no message, {@code 1e3} is a thousand seconds, and a
     * track index too large for any file is read (and then refused, naming the tracks there are).
     */
    static Optional<ControlMessage> parse(String text) {
        if (text == null || text.length() > 1024) {
            return Optional.empty();
        }
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            o = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) { // not JSON; nothing at all (Johnzon's NothingToRead)
            return Optional.empty();
        }
        if (!(o.get("type") instanceof JsonString type)) {
            return Optional.empty();
        }
        Type t;
        try {
            t = Type.valueOf(type.getString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double position = 0;
        if (t == Type.SEEK) {
            if (!(o.get("position") instanceof JsonNumber p)) {
                return Optional.empty();
            }
            // Past the end is the end (the pump clamps); so is a number too large for a double.
            position = Math.min(Double.MAX_VALUE, Math.max(0, p.bigDecimalValue().doubleValue()));
        }
        TrackChoice track = TrackChoice.DEFAULT;
        SubtitleChoice subtitles = SubtitleChoice.AUTO;
        if (t == Type.AUDIO || t == Type.SUBTITLES) {
            JsonValue value = o.get("track");
            Optional<String> named = track(value);
            if (named.isPresent()) {
                track = TrackChoice.parse(named.get());
                subtitles = SubtitleChoice.parse(named.get());
            } else if (t == Type.SUBTITLES && (value == JsonValue.NULL || value == JsonValue.FALSE)) {
                subtitles = SubtitleChoice.OFF;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ControlMessage(t, position, track, subtitles));
    }

    /** The track as text: a short name, or a whole number of any size; empty for anything else. */
    private static Optional<String> track(JsonValue value) {
        if (value instanceof JsonString s) {
            return TRACK_TEXT.matcher(s.getString()).matches() ? Optional.of(s.getString()) : Optional.empty();
        }
        if (value instanceof JsonNumber n) {
            BigDecimal d = n.bigDecimalValue();
            if (d.precision() - d.scale() > 32) {
                return Optional.empty(); // more digits than any name may have (and 1e999999999 is not worth expanding)
            }
            try {
                BigInteger index = d.toBigIntegerExact();
                return index.signum() >= 0 ? Optional.of(index.toString()) : Optional.empty();
            } catch (ArithmeticException fractional) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The periodic report the viewer's page shows. */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps, int audioTrack) {
        return status(position, duration, paused, ended, width, height, bitrateKbps, audioTrack, -1);
    }

    /** The periodic report the viewer's page shows, with the subtitle stream shown (-1: none). */
    static String status(double position, double duration, boolean paused, boolean ended, int width, int height,
                         int bitrateKbps, int audioTrack, int subtitleTrack) {
        return Json.createObjectBuilder().add("type", "status").add("position", seconds(position))
                .add("duration", seconds(duration)).add("paused", paused).add("ended", ended).add("width", width)
                .add("height", height).add("maxBitrateKbps", bitrateKbps).add("audioTrack", audioTrack)
                .add("subtitles", subtitleTrack).build().toString();
    }

    /** An audio switch that was refused, with the reason (which names the tracks there are). */
    static String refused(String reason) {
        return refused(ABOUT_AUDIO, reason);
    }

    /** A switch that was refused: {@code about} audio or subtitles, with the reason. */
    static String refused(String about, String reason) {
        return Json.createObjectBuilder().add("type", "refused").add("about", about).add("reason", reason).build()
                .toString();
    }

    /** The subtitles shown from now: {@code track} -1 for none; {@code mode} text, burn-in or off. */
    static String subtitles(int track, String mode) {
        return Json.createObjectBuilder().add("type", "subtitles").add("track", track).add("mode", mode).build()
                .toString();
    }

    /** One text cue to show from {@code start} to {@code end} (seconds on the file's clock, as the status's position). */
    static String cue(int track, SubtitleCue cue) {
        return Json.createObjectBuilder().add("type", "cue").add("track", track).add("start", seconds(cue.startSeconds()))
                .add("end", seconds(cue.endSeconds())).add("text", cue.text()).build().toString();
    }

    /** Seconds to the millisecond, as {@code 12.500}; a value that is not a number as 0. */
    private static BigDecimal seconds(double s) {
        return Double.isFinite(s) ? BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(3);
    }
}
