package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.giggityflix.peer.api.media.FrameReader.Track;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.TrackChoice;
import org.junit.jupiter.api.Test;

/**
 * {@code AudioTracksTest} is responsible for which audio track a viewer hears: asked by index or language (in any
 * of the codes files and people use), else flagged default, else the owner's preferred language, else the first;
 * and the refusal of a choice naming no track, which lists the tracks there are.
 */
class AudioTracksTest {

    private static final List<Track> FILM = List.of(track(1, "eng", false), track(2, "fre", true), track(3, "ger", false));

    @Test
    void anAskedTrackIsHeard() throws NoSuchTrackException {
        assertEquals(OptionalInt.of(3), choose(FILM, TrackChoice.index(3), null));
        for (String french : List.of("fre", "fra", "fr", "French", " FR ")) {
            assertEquals(OptionalInt.of(2), choose(FILM, TrackChoice.parse(french), "eng"), french);
        }
        assertEquals(OptionalInt.of(3), choose(FILM, TrackChoice.parse("de"), null));
    }

    @Test
    void theDefaultIsTheFlaggedTrackThenThePreferredLanguageThenTheFirst() throws NoSuchTrackException {
        assertEquals(OptionalInt.of(2), choose(FILM, TrackChoice.DEFAULT, "deu"));
        List<Track> unflagged = List.of(track(1, "eng", false), track(2, "fre", false), track(3, "ger", false));
        assertEquals(OptionalInt.of(3), choose(unflagged, TrackChoice.DEFAULT, "deu"));
        assertEquals(OptionalInt.of(1), choose(unflagged, TrackChoice.DEFAULT, "jpn"));
        assertEquals(OptionalInt.of(1), choose(unflagged, TrackChoice.DEFAULT, null));
        assertEquals(OptionalInt.empty(), choose(List.of(), TrackChoice.DEFAULT, "eng"));
    }

    @Test
    void aTrackThatIsNotThereIsRefusedWithTheTracksThereAre() {
        NoSuchTrackException index = assertThrows(NoSuchTrackException.class,
                () -> choose(FILM, TrackChoice.index(0), null));
        assertEquals("no audio track is stream 0 of this file; audio tracks: 1 (eng), 2 (fre, default), 3 (ger)",
                index.getMessage());
        NoSuchTrackException language = assertThrows(NoSuchTrackException.class,
                () -> choose(FILM, TrackChoice.parse("jpn"), null));
        assertTrue(language.getMessage().startsWith("no audio track in 'jpn'"), language.getMessage());
        NoSuchTrackException silent = assertThrows(NoSuchTrackException.class,
                () -> choose(List.of(), TrackChoice.parse("eng"), null));
        assertTrue(silent.getMessage().endsWith("it has no audio track"), silent.getMessage());
    }

    @Test
    void thirtyTracksAreNoProblem() throws NoSuchTrackException {
        List<Track> many = IntStream.range(1, 31).mapToObj(i -> track(i, i == 29 ? "kor" : "eng", false)).toList();
        assertEquals(OptionalInt.of(29), choose(many, TrackChoice.parse("ko"), null));
        assertEquals(OptionalInt.of(30), choose(many, TrackChoice.parse("30"), null));
    }

    private static OptionalInt choose(List<Track> tracks, TrackChoice choice, String preferred)
            throws NoSuchTrackException {
        return AudioTracks.choose(tracks, choice, Optional.ofNullable(preferred));
    }

    private static Track track(int index, String language, boolean isDefault) {
        return new Track(index, Optional.of(language), Optional.empty(), isDefault, 2);
    }
}
