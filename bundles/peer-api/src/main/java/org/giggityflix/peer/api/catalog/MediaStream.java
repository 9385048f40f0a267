package org.giggityflix.peer.api.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code MediaStream} is responsible for describing one stream (track) of a media file as its container and codec
 * state it, so that people and players can tell the tracks apart and choose. Components that do not apply to the
 * stream's kind, or that the file does not state, are {@code null} ({@code false} for the flags).
 *
 * @param index             the stream's index in the file (FFmpeg's numbering: 0, 1, 2 ... in container order)
 * @param kind              what the stream carries
 * @param codec             short codec name, e.g. {@code h264}, {@code aac}, {@code subrip}; {@code null} if unknown
 * @param profile           codec profile, e.g. {@code Main 10}, {@code LC}
 * @param width             video: width as displayed, after rotation and sample aspect ratio
 * @param height            video: height as displayed, after rotation and sample aspect ratio
 * @param codedWidth        video: width of the stored picture
 * @param codedHeight       video: height of the stored picture
 * @param sampleAspectRatio video: the shape of one stored pixel, e.g. {@code 1:1} or {@code 4:3}; {@code null} when
 *                          the file does not say
 * @param rotation          video: degrees the stored picture is turned <em>clockwise</em> to display it upright:
 *                          0, 90, 180 or 270 ({@code null} for other kinds)
 * @param flipped           video: after that rotation the picture is mirrored left to right
 * @param pixelFormat       video: FFmpeg's pixel format name, e.g. {@code yuv420p10le}
 * @param bitDepth          video: bits per colour component, e.g. 8 or 10
 * @param hdr               video: the transfer curve, {@link HdrTransfer#SDR} unless the stream states PQ or HLG
 * @param frameRate         video: average frames per second
 * @param channels          audio: number of channels
 * @param channelLayout     audio: layout name, e.g. {@code stereo}, {@code 5.1(side)}
 * @param sampleRate        audio: samples per second
 * @param language          ISO 639-2 language as the file states it (e.g. {@code eng}, {@code fre}); {@code null}
 *                          for none or {@code und}
 * @param title             the track's title, e.g. {@code Director's commentary}
 * @param defaultTrack      the file marks this stream to be played when the viewer chooses nothing
 * @param forced            the file marks this stream to be shown even when subtitles are off (foreign dialogue)
 * @since 1.8
 */
public record MediaStream(
        int index,
        StreamKind kind,
        String codec,
        String profile,
        Integer width,
        Integer height,
        Integer codedWidth,
        Integer codedHeight,
        String sampleAspectRatio,
        Integer rotation,
        boolean flipped,
        String pixelFormat,
        Integer bitDepth,
        HdrTransfer hdr,
        Double frameRate,
        Integer channels,
        String channelLayout,
        Integer sampleRate,
        String language,
        String title,
        boolean defaultTrack,
        boolean forced) {

    public MediaStream {
        if (index < 0) {
            throw new IllegalArgumentException("stream index must be 0 or more, was " + index);
        }
        Objects.requireNonNull(kind, "kind");
        if (rotation != null && rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, was " + rotation);
        }
        language = language(language);
        title = blankToNull(title);
    }

    /** A builder for the stream at {@code index}; every other component starts unknown. */
    public static Builder builder(int index, StreamKind kind) {
        return new Builder(index, kind);
    }

    /** A builder holding this stream's values. */
    public Builder toBuilder() {
        return builder(index, kind).codec(codec).profile(profile).displaySize(width, height)
                .codedSize(codedWidth, codedHeight).sampleAspectRatio(sampleAspectRatio).rotation(rotation)
                .flipped(flipped).pixelFormat(pixelFormat).bitDepth(bitDepth).hdr(hdr).frameRate(frameRate)
                .channels(channels).channelLayout(channelLayout).sampleRate(sampleRate).language(language)
                .title(title).defaultTrack(defaultTrack).forced(forced);
    }

    /** Whether the stream is stated as high dynamic range (PQ or HLG). */
    public boolean isHdr() {
        return hdr == HdrTransfer.PQ || hdr == HdrTransfer.HLG;
    }

    /** {@code und} (undetermined) and blanks mean "not stated"; the rest is kept as written, in lower case. */
    private static String language(String language) {
        String value = blankToNull(language);
        if (value == null) {
            return null;
        }
        value = value.toLowerCase(Locale.ROOT);
        return value.equals("und") ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code Builder} is responsible for assembling a {@link MediaStream} one stated fact at a time. */
    public static final class Builder {
        private final int index;
        private final StreamKind kind;
        private String codec;
        private String profile;
        private Integer width;
        private Integer height;
        private Integer codedWidth;
        private Integer codedHeight;
        private String sampleAspectRatio;
        private Integer rotation;
        private boolean flipped;
        private String pixelFormat;
        private Integer bitDepth;
        private HdrTransfer hdr;
        private Double frameRate;
        private Integer channels;
        private String channelLayout;
        private Integer sampleRate;
        private String language;
        private String title;
        private boolean defaultTrack;
        private boolean forced;

        private Builder(int index, StreamKind kind) {
            this.index = index;
            this.kind = kind;
        }

        public Builder codec(String value) {
            codec = value;
            return this;
        }

        public Builder profile(String value) {
            profile = value;
            return this;
        }

        /** The size as displayed (after rotation and sample aspect ratio). */
        public Builder displaySize(Integer displayWidth, Integer displayHeight) {
            width = displayWidth;
            height = displayHeight;
            return this;
        }

        /** The size of the stored picture. */
        public Builder codedSize(Integer storedWidth, Integer storedHeight) {
            codedWidth = storedWidth;
            codedHeight = storedHeight;
            return this;
        }

        public Builder sampleAspectRatio(String value) {
            sampleAspectRatio = value;
            return this;
        }

        public Builder rotation(Integer value) {
            rotation = value;
            return this;
        }

        public Builder flipped(boolean value) {
            flipped = value;
            return this;
        }

        public Builder pixelFormat(String value) {
            pixelFormat = value;
            return this;
        }

        public Builder bitDepth(Integer value) {
            bitDepth = value;
            return this;
        }

        public Builder hdr(HdrTransfer value) {
            hdr = value;
            return this;
        }

        public Builder frameRate(Double value) {
            frameRate = value;
            return this;
        }

        public Builder channels(Integer value) {
            channels = value;
            return this;
        }

        public Builder channelLayout(String value) {
            channelLayout = value;
            return this;
        }

        public Builder sampleRate(Integer value) {
            sampleRate = value;
            return this;
        }

        public Builder language(String value) {
            language = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder defaultTrack(boolean value) {
            defaultTrack = value;
            return this;
        }

        public Builder forced(boolean value) {
            forced = value;
            return this;
        }

        public MediaStream build() {
            return new MediaStream(index, kind, codec, profile, width, height, codedWidth, codedHeight,
                    sampleAspectRatio, rotation, flipped, pixelFormat, bitDepth, hdr, frameRate, channels,
                    channelLayout, sampleRate, language, title, defaultTrack, forced);
        }
    }
}
