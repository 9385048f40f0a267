package org.giggityflix.peer.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * {@code DistributionFiles} is responsible for reading one text file out of the distribution's tar.gz on the host
 * side, before pax-exam unpacks it, so that the test configuration can be derived from what the distribution
 * really ships (its boot features) instead of a copy that drifts.
 */
final class DistributionFiles {

    private DistributionFiles() {
    }

    /** The text of the entry whose path ends with {@code suffix} (e.g. {@code /etc/org.apache.karaf.features.cfg}). */
    static Optional<String> read(String archiveUrl, String suffix) throws IOException {
        try (InputStream in = new GZIPInputStream(new URL(archiveUrl).openStream(), 64 * 1024)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    return Optional.empty();
                }
                String name = longName != null ? longName : field(header, 0, 100);
                longName = null;
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                String octal = field(header, 124, 12).trim();
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                char type = (char) header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'L') {
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                } else if ((type == '0' || type == 0) && name.endsWith(suffix)) {
                    return Optional.of(new String(body, StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** The value of {@code key} in a Java properties text (continuation lines joined, whitespace collapsed). */
    static Optional<String> property(String properties, String key) {
        java.util.Properties parsed = new java.util.Properties();
        try {
            parsed.load(new java.io.StringReader(properties));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Optional.ofNullable(parsed.getProperty(key)).map(v -> v.replaceAll("\\s+", " ").trim());
    }

    /**
     * The boot features with every feature not already in a stage put into a stage of its own, so pax-exam's
     * {@code exam} feature (appended after the value) installs only once the peer's features have settled.
     */
    static String staged(String featuresBoot) {
        String value = featuresBoot.trim();
        int lastParen = value.lastIndexOf(')');
        String head = lastParen >= 0 ? value.substring(0, lastParen + 1) : "";
        String tail = value.substring(lastParen + 1).replaceFirst("^\\s*,", "").trim();
        if (tail.isEmpty()) {
            return value;
        }
        return (head.isEmpty() ? "" : head + ", ") + "(" + tail + ")";
    }
}
