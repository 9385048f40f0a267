package org.giggityflix.peer.api.catalog;

/**
 * What a {@code MediaProbe} learned about a file. Any component may be {@code null} when unknown
 * (an audio-only file has no width, a raw stream no container).
 *
 * @param durationSeconds length of the media in seconds
 * @param width           video width in pixels
 * @param height          video height in pixels
 * @param videoCodec      short codec name, e.g. {@code h264}
 * @param audioCodec      short codec name, e.g. {@code aac}
 * @param bitrate         overall bit rate in bits per second
 * @param frameRate       average frames per second
 * @param container       container/format name, e.g. {@code matroska}
 */
public record MediaMetadata(
        Double durationSeconds,
        Integer width,
        Integer height,
        String videoCodec,
        String audioCodec,
        Long bitrate,
        Double frameRate,
        String container) {
}
