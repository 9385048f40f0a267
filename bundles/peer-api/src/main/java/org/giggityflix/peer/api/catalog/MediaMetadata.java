package org.giggityflix.peer.api.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What a {@code MediaProbe} learned about a file. Any component may be {@code null} when unknown
 * (an audio-only file has no width, a raw stream no container).
 *
 * @param durationSeconds length of the media in seconds
 * @param width           width of the main video stream as displayed (after rotation and sample aspect ratio)
 * @param height          height of the main video stream as displayed
 * @param videoCodec      short codec name of the main video stream, e.g. {@code h264}
 * @param audioCodec      short codec name of the first audio stream, e.g. {@code aac}
 * @param bitrate         overall bit rate in bits per second
 * @param frameRate       average frames per second of the main video stream
 * @param container       container/format name, e.g. {@code matroska}
 * @param streams         every stream of the file in index order (since 1.8); empty when the probe did not list
 *                        them (a probe or catalog row from before 1.8), never {@code null}
 */
public record MediaMetadata(
        Double durationSeconds,
        Integer width,
        Integer height,
        String videoCodec,
        String audioCodec,
        Long bitrate,
        Double frameRate,
        String container,
        List<MediaStream> streams) {

    public MediaMetadata {
        streams = streams == null ? List.of() : List.copyOf(streams);
    }

    /** Metadata without a stream list, as probes wrote it before 1.8. */
    public MediaMetadata(Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
                         Long bitrate, Double frameRate, String container) {
        this(durationSeconds, width, height, videoCodec, audioCodec, bitrate, frameRate, container, List.of());
    }

    /**
     * The video stream a player shows: the first one flagged default, else the first one.
     *
     * @since 1.8
     */
    public Optional<MediaStream> mainVideo() {
        Optional<MediaStream> flagged = streams.stream()
                .filter(s -> s.kind() == StreamKind.VIDEO && s.defaultTrack()).findFirst();
        return flagged.isPresent() ? flagged : streams.stream().filter(s -> s.kind() == StreamKind.VIDEO).findFirst();
    }

    /**
     * The streams of one kind, in index order.
     *
     * @since 1.8
     */
    public List<MediaStream> streams(StreamKind kind) {
        return streams.stream().filter(s -> s.kind() == kind).toList();
    }
}
