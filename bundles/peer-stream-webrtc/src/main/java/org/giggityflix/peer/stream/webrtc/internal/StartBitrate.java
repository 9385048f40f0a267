package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code StartBitrate} is responsible for the bitrate a session's video starts at: libwebrtc starts every stream at
 * 300 kbit/s and climbs from there, which a picture larger than 720p pays for in its first frame; for such a picture
 * the viewer's answer gets {@code x-google-start-bitrate} on its video codecs before it is applied (libwebrtc reads
 * it from the send codec; its API has no setting for it), never above the session's cap. Pictures up to 720p keep
 * libwebrtc's own start, so a narrow link sees nothing new from them.
 */
final class StartBitrate {

    /**
     * System property for the benchmark's before/after comparison: {@code false} leaves every answer as it came
     * (libwebrtc's own start), a number of kbit/s replaces the start chosen for large pictures.
     */
    static final String PROPERTY = "giggityflix.webrtc.startBitrate";

    /** Pictures with more pixels than 1280x720 start higher. */
    static final int LARGE_PICTURE_PIXELS = 1280 * 720;

    /** Where a large picture starts, kbit/s (then libwebrtc's estimate takes over, up or down). */
    static final int LARGE_PICTURE_START_KBPS = 1500;

    private static final Pattern VIDEO_SECTION = Pattern.compile("(?m)^m=video \\d+ \\S+((?: \\d+)+)\\s*$");
    private static final Set<String> NOT_CODECS = Set.of("rtx", "red", "ulpfec", "flexfec-03");

    private StartBitrate() {
    }

    /**
     * The start for a {@code width} x {@code height} picture in a session capped at {@code capKbps}, in kbit/s; 0
     * leaves libwebrtc's own start.
     */
    static int forPicture(int width, int height, int capKbps) {
        String override = System.getProperty(PROPERTY, "");
        if (override.equalsIgnoreCase("false")) {
            return 0;
        }
        if ((long) width * height <= LARGE_PICTURE_PIXELS) {
            return 0;
        }
        int start = override.matches("\\d{1,6}") ? Integer.parseInt(override) : LARGE_PICTURE_START_KBPS;
        return Math.max(0, Math.min(start, capKbps));
    }

    /**
     * {@code sdp} with {@code x-google-start-bitrate=kbps} on every video codec of its first video section (an
     * existing start replaced; retransmission and redundancy formats left alone); {@code sdp} itself when
     * {@code kbps} is 0 or there is no video.
     */
    static String into(String sdp, int kbps) {
        if (kbps <= 0) {
            return sdp;
        }
        Matcher section = VIDEO_SECTION.matcher(sdp);
        if (!section.find()) {
            return sdp;
        }
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        int from = section.start();
        int next = sdp.indexOf(eol + "m=", section.end());
        int to = next < 0 ? sdp.length() : next + eol.length();
        List<String> lines = new ArrayList<>(List.of(sdp.substring(from, to).split(eol, -1)));
        for (String pt : section.group(1).trim().split(" ")) {
            int rtpmap = indexOf(lines, "a=rtpmap:" + pt + " ");
            if (rtpmap < 0 || NOT_CODECS.contains(codecName(lines.get(rtpmap)))) {
                continue;
            }
            String param = "x-google-start-bitrate=" + kbps;
            int fmtp = indexOf(lines, "a=fmtp:" + pt + " ");
            if (fmtp < 0) {
                lines.add(rtpmap + 1, "a=fmtp:" + pt + " " + param);
            } else {
                String line = lines.get(fmtp).replaceAll(";?x-google-start-bitrate=\\d+", "");
                lines.set(fmtp, line + (line.endsWith(" ") ? "" : ";") + param);
            }
        }
        return sdp.substring(0, from) + String.join(eol, lines) + sdp.substring(to);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String codecName(String rtpmap) {
        int space = rtpmap.indexOf(' ');
        int slash = rtpmap.indexOf('/', space);
        return rtpmap.substring(space + 1, slash < 0 ? rtpmap.length() : slash).toLowerCase(Locale.ROOT);
    }
}
