package org.giggityflix.peer.api.media;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code FrameOptions} is responsible for what a {@link FrameSource} reader should hand out besides pictures.
 *
 * @param audioTrack             the wanted audio track ({@link TrackChoice#DEFAULT}: flagged default, else
 *                               {@code preferredAudioLanguage}, else the first)
 * @param preferredAudioLanguage the owner's preferred language for the default choice, e.g. {@code fra}; empty:
 *                               none
 * @param audioChannels          channels of the PCM handed out (1 or 2, s16le at 48 kHz); 0: no sound at all
 */
public record FrameOptions(TrackChoice audioTrack, Optional<String> preferredAudioLanguage, int audioChannels) {

    /** PCM sample rate of every {@link DecodedFrame.Sound}. */
    public static final int AUDIO_RATE = 48_000;

    public FrameOptions {
        audioTrack = audioTrack == null ? TrackChoice.DEFAULT : audioTrack;
        Objects.requireNonNull(preferredAudioLanguage, "preferredAudioLanguage");
        preferredAudioLanguage = preferredAudioLanguage.map(String::strip).filter(l -> !l.isEmpty());
        if (audioChannels < 0 || audioChannels > 2) {
            throw new IllegalArgumentException("audioChannels must be 0, 1 or 2, not " + audioChannels);
        }
    }

    /** Pictures and the default audio track in {@code channels} channels. */
    public static FrameOptions withAudio(int channels) {
        return new FrameOptions(TrackChoice.DEFAULT, Optional.empty(), channels);
    }

    /** Pictures only. */
    public static FrameOptions videoOnly() {
        return new FrameOptions(TrackChoice.DEFAULT, Optional.empty(), 0);
    }
}
