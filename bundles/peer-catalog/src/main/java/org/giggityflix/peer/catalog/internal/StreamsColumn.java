package org.giggityflix.peer.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StreamsColumn} is responsible for the {@code media_files.streams} column: a file's stream inventory as one
 * compact JSON array, read with the rest of the row (one read per library page, no join, no second query).
 *
 * <p>Each stream is an object with the API's names ({@code index, kind, codec, ... default, forced}); unknown and
 * false values are left out. Reading ignores names it does not know and reads a kind it does not know as
 * {@code data}, so a catalog a newer peer wrote stays readable; a value that cannot be read at all (a hand-edited
 * database) gives an empty inventory and one WARN, never an unreadable row.
 */
final class StreamsColumn {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsColumn.class);

    private StreamsColumn() {
    }

    static String write(List<MediaStream> streams) {
        StringBuilder json = new StringBuilder(64 + streams.size() * 160).append('[');
        for (MediaStream s : streams) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"index\":").append(s.index())
                    .append(",\"kind\":\"").append(s.kind().name().toLowerCase(Locale.ROOT)).append('"');
            string(json, "codec", s.codec());
            string(json, "profile", s.profile());
            number(json, "width", s.width());
            number(json, "height", s.height());
            number(json, "codedWidth", s.codedWidth());
            number(json, "codedHeight", s.codedHeight());
            string(json, "sampleAspectRatio", s.sampleAspectRatio());
            number(json, "rotation", s.rotation());
            flag(json, "flipped", s.flipped());
            string(json, "pixelFormat", s.pixelFormat());
            number(json, "bitDepth", s.bitDepth());
            string(json, "hdr", s.hdr() == null ? null : s.hdr().name());
            number(json, "frameRate", s.frameRate());
            number(json, "channels", s.channels());
            string(json, "channelLayout", s.channelLayout());
            number(json, "sampleRate", s.sampleRate());
            string(json, "language", s.language());
            string(json, "title", s.title());
            flag(json, "default", s.defaultTrack());
            flag(json, "forced", s.forced());
            json.append('}');
        }
        return json.append(']').toString();
    }

    /** The inventory of a row; {@code null} (a row probed before the column existed) is an empty one. */
    static List<MediaStream> read(String json, long luid) {
        if (json == null) {
            return List.of();
        }
        try {
            List<Object> values = new Reader(json).array();
            List<MediaStream> streams = new ArrayList<>(values.size());
            for (Object value : values) {
                if (value instanceof Map<?, ?> object) {
                    streams.add(stream(object));
                }
            }
            return streams;
        } catch (RuntimeException e) {
            LOG.warn("catalog row {} has a stream list that cannot be read ({}); shown without streams", luid,
                    e.getMessage());
            return List.of();
        }
    }

    private static MediaStream stream(Map<?, ?> o) {
        return MediaStream.builder(integer(o.get("index")), kind(o.get("kind")))
                .codec(text(o.get("codec")))
                .profile(text(o.get("profile")))
                .displaySize(optionalInteger(o.get("width")), optionalInteger(o.get("height")))
                .codedSize(optionalInteger(o.get("codedWidth")), optionalInteger(o.get("codedHeight")))
                .sampleAspectRatio(text(o.get("sampleAspectRatio")))
                .rotation(rotation(o.get("rotation")))
                .flipped(Boolean.TRUE.equals(o.get("flipped")))
                .pixelFormat(text(o.get("pixelFormat")))
                .bitDepth(optionalInteger(o.get("bitDepth")))
                .hdr(hdr(o.get("hdr")))
                .frameRate(o.get("frameRate") instanceof Number n ? n.doubleValue() : null)
                .channels(optionalInteger(o.get("channels")))
                .channelLayout(text(o.get("channelLayout")))
                .sampleRate(optionalInteger(o.get("sampleRate")))
                .language(text(o.get("language")))
                .title(text(o.get("title")))
                .defaultTrack(Boolean.TRUE.equals(o.get("default")))
                .forced(Boolean.TRUE.equals(o.get("forced")))
                .build();
    }

    private static StreamKind kind(Object value) {
        try {
            return StreamKind.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return StreamKind.DATA;
        }
    }

    private static HdrTransfer hdr(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return HdrTransfer.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer rotation(Object value) {
        Integer rotation = optionalInteger(value);
        return rotation == null || rotation % 90 != 0 || rotation < 0 || rotation > 270 ? null : rotation;
    }

    private static int integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("a stream without an index");
    }

    private static Integer optionalInteger(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static void string(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        json.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private static void number(StringBuilder json, String name, Number value) {
        if (value == null || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return;
        }
        json.append(",\"").append(name).append("\":").append(value);
    }

    private static void flag(StringBuilder json, String name, boolean value) {
        if (value) {
            json.append(",\"").append(name).append("\":true");
        }
    }

    /** {@code Reader} is responsible for parsing the JSON this class writes (and any well-formed JSON). */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        List<Object> array() {
            Object value = value();
            skipSpace();
            if (!(value instanceof List<?>) || at != text.length()) {
                throw new IllegalArgumentException("not one JSON array");
            }
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) value;
            return list;
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end at " + at);
            }
            char c = text.charAt(at);
            switch (c) {
                case '[' -> {
                    at++;
                    List<Object> list = new ArrayList<>();
                    if (peek() == ']') {
                        at++;
                        return list;
                    }
                    do {
                        list.add(value());
                    } while (separator(']'));
                    return list;
                }
                case '{' -> {
                    at++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    if (peek() == '}') {
                        at++;
                        return object;
                    }
                    do {
                        skipSpace();
                        String name = string();
                        skipSpace();
                        expect(':');
                        object.put(name, value());
                    } while (separator('}'));
                    return object;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    return literal();
                }
            }
        }

        /** After a member: {@code true} on a comma (another follows), {@code false} on {@code close}. */
        private boolean separator(char close) {
            char c = peek();
            at++;
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
            throw new IllegalArgumentException("expected ',' or '" + close + "' at " + (at - 1));
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> value.append(escaped);
                }
            }
        }

        private Object literal() {
            int start = at;
            while (at < text.length() && ",]} \n\r\t".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            switch (word) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    if (word.indexOf('.') >= 0 || word.indexOf('e') >= 0 || word.indexOf('E') >= 0) {
                        return Double.parseDouble(word);
                    }
                    return Long.parseLong(word);
            }
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end at " + at);
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
