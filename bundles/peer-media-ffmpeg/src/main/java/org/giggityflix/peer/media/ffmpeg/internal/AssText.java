package org.giggityflix.peer.media.ffmpeg.internal;

/**
 * {@code AssText} is responsible for turning one subtitle event as FFmpeg's text subtitle decoders hand it out (an
 * ASS dialogue body: {@code ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text}) into plain text:
 * override blocks ({@code {\i1}}, {@code {\pos(…)}}) and drawings ({@code {\p1}…{\p0}}) removed, {@code \N} and
 * {@code \n} as line breaks, {@code \h} as a space, blank lines and surrounding spaces dropped.
 */
final class AssText {

    /** Fields before the text in FFmpeg's ASS event lines. */
    private static final int FIELDS_BEFORE_TEXT = 8;

    private AssText() {
    }

    /** The text of an ASS event line as FFmpeg's decoders write it (the text may itself contain commas). */
    static String ofEvent(String event) {
        int at = 0;
        for (int i = 0; i < FIELDS_BEFORE_TEXT; i++) {
            int comma = event.indexOf(',', at);
            if (comma < 0) {
                return plain(event); // not an event line: treat it all as text
            }
            at = comma + 1;
        }
        return plain(event.substring(at));
    }

    /** The text of an ASS {@code Text} field: markup removed, line breaks kept. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean drawing = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i + 1);
                if (close < 0) {
                    break; // an unclosed override block: the rest is markup
                }
                String block = text.substring(i + 1, close);
                Boolean p = drawingMode(block);
                if (p != null) {
                    drawing = p;
                }
                i = close + 1;
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(i + 1);
                if (n == 'N' || n == 'n') {
                    out.append('\n');
                    i += 2;
                    continue;
                }
                if (n == 'h') {
                    out.append(' ');
                    i += 2;
                    continue;
                }
            }
            if (!drawing && c != '\r') {
                out.append(c);
            }
            i++;
        }
        StringBuilder lines = new StringBuilder(out.length());
        for (String line : out.toString().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                if (lines.length() > 0) {
                    lines.append('\n');
                }
                lines.append(trimmed);
            }
        }
        return lines.toString();
    }

    /** {@code \p1} (or higher) starts a drawing, {@code \p0} ends it; null when the block does not say. */
    private static Boolean drawingMode(String block) {
        Boolean mode = null;
        int at = block.indexOf("\\p");
        while (at >= 0) {
            int digits = at + 2;
            int end = digits;
            while (end < block.length() && Character.isDigit(block.charAt(end))) {
                end++;
            }
            if (end > digits) {
                mode = Integer.parseInt(block.substring(digits, Math.min(end, digits + 3))) > 0;
            }
            at = block.indexOf("\\p", at + 2);
        }
        return mode;
    }
}
