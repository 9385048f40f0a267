package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code FrameReader} is responsible for decoding one open file for one reader: pictures (upright, SDR, I420) and
 * the chosen audio track's sound (s16le, 48 kHz) in presentation order, as fast as the caller asks for them (the
 * caller paces). Seekable; the audio track can be switched while reading. Not thread-safe: one thread reads.
 */
@ConsumerType
public interface FrameReader extends AutoCloseable {

    /** Picture width in pixels, after rotation. */
    int width();

    /** Picture height in pixels, after rotation. */
    int height();

    /** Seconds, 0 when the file does not say. */
    double durationSeconds();

    /** The file's audio tracks, in stream order; empty for a silent file. */
    List<Track> audioTracks();

    /** Stream index of the track whose sound is handed out; empty when none is (silent file, or no sound asked). */
    OptionalInt audioTrack();

    /**
     * The next picture or sound, or {@code null} at the end of the file.
     *
     * @throws IOException when the file cannot be read on (damaged, cut short, truncated while being read): the
     *                     message says where it broke off, in words for people
     */
    DecodedFrame next() throws IOException;

    /**
     * Moves to {@code seconds} (clamped to the file): the next frames are those at or after it (decoded from the
     * keyframe before it, which may take a moment in a file with long GOPs).
     */
    void seek(double seconds) throws IOException;

    /**
     * Switches the sound to another audio track from the next sound on.
     *
     * @throws NoSuchTrackException when the choice names no audio track of the file (nothing changes)
     */
    void selectAudioTrack(TrackChoice choice) throws IOException;

    /**
     * Draws the pictures of an image subtitle stream (PGS, DVB, VobSub …) into the pictures handed out from the next
     * one on, each at its time; {@code streamIndex} empty stops drawing. A reader that cannot draw subtitles refuses
     * every stream.
     *
     * @param streamIndex the file's stream index of an image subtitle stream, or empty for none
     * @throws NoSuchTrackException when the index names no image subtitle stream this reader can draw (a text or
     *                              unknown codec, another kind of stream, no stream at all); what was drawn before
     *                              goes on being drawn
     * @since 1.4
     */
    default void burnInSubtitles(OptionalInt streamIndex) throws IOException {
        if (streamIndex.isPresent()) {
            throw new NoSuchTrackException("this codec cannot draw subtitle pictures (stream "
                    + streamIndex.getAsInt() + ")");
        }
    }

    /** Frees the decoder; safe to call twice. */
    @Override
    void close();

    /**
     * {@code Track} is responsible for describing one audio track of the open file.
     *
     * @param streamIndex the file's stream index (as the probe lists it)
     * @param language    ISO 639 code as the file states it, lower case
     * @param title       the track's title
     * @param isDefault   flagged default in the file
     * @param channels    channels in the file
     */
    record Track(int streamIndex, Optional<String> language, Optional<String> title, boolean isDefault,
                 int channels) {
    }
}
