package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.SubtitleTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SubtitleSwitch} is responsible for the subtitles of one streaming session, on its pump thread: the file's
 * subtitle streams, the viewer's choice ({@link SubtitleChoice}; by default the forced subtitles of the audio's
 * language), a text stream's cues read on a helper thread (a film's whole file is demuxed for them) and then handed
 * out in step with the pictures ({@link CueFeed}), an image stream drawn into the pictures by the reader; a choice
 * that cannot be shown is refused with the reason and what was shown goes on.
 */
final class SubtitleSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(SubtitleSwitch.class);

    /** Shown: {@code text} (cues on the data channel), {@code burn-in} (drawn into the video) or {@code off}. */
    static final String TEXT = "text";
    static final String BURN_IN = "burn-in";
    static final String OFF = "off";

    /** What a helper thread read: the cues of {@code track}, or why not. */
    private record Loaded(long generation, SubtitleTrack track, List<SubtitleCue> cues, String error) {
    }

    private final Path file;
    private final SubtitleReader reader;
    private final String name;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private List<SubtitleTrack> tracks = List.of();
    private SubtitleChoice wish = SubtitleChoice.AUTO;
    private CueFeed feed;
    private int shown = -1;
    private String mode = OFF;
    private long generation;

    SubtitleSwitch(Path file, SubtitleReader reader, String name) {
        this.file = file;
        this.reader = reader;
        this.name = name;
    }

    /** Lists the file's subtitle streams (a file whose streams cannot be listed simply has none here). */
    void open() {
        try {
            tracks = List.copyOf(reader.tracks(file));
        } catch (IOException | RuntimeException e) {
            LOG.info("streaming {}: its subtitle streams cannot be listed: {}", file.getFileName(), e.getMessage());
            tracks = List.of();
        }
    }

    /** The stream index shown (as text or drawn), -1 for none. */
    int shown() {
        return shown;
    }

    String mode() {
        return mode;
    }

    /**
     * Applies the viewer's choice (or the automatic one again, when the audio changed).
     *
     * @param audioLanguage the language of the audio heard
     */
    void choose(SubtitleChoice choice, Optional<String> audioLanguage, FrameReader frames, long positionMicros,
                FramePump.Sink sink) {
        Optional<SubtitleTrack> track;
        try {
            track = choice.pick(tracks, audioLanguage, file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            sink.refused(ControlMessage.ABOUT_SUBTITLES, e.getMessage());
            return;
        }
        if (track.isPresent() && track.get().index() == shown && !choice.automatic()) {
            wish = choice;
            return;
        }
        if (track.isPresent() && !track.get().text()) {
            try {
                frames.burnInSubtitles(OptionalInt.of(track.get().index()));
            } catch (IOException e) {
                sink.refused(ControlMessage.ABOUT_SUBTITLES, "subtitle stream " + track.get().index() + " ("
                        + track.get().codec() + ") cannot be shown: " + e.getMessage());
                return;
            }
            wish = choice;
            show(track.get().index(), BURN_IN, null, sink);
            return;
        }
        wish = choice;
        stopDrawing(frames);
        if (track.isEmpty()) {
            show(-1, OFF, null, sink);
            return;
        }
        load(track.get());
    }

    /** The audio switched: the automatic choice follows its language. */
    void audioChanged(Optional<String> audioLanguage, FrameReader frames, long positionMicros, FramePump.Sink sink) {
        if (wish.automatic()) {
            choose(SubtitleChoice.AUTO, audioLanguage, frames, positionMicros, sink);
        }
    }

    /** The pictures are at {@code positionMicros}: cues read meanwhile take over, due cues go out. */
    void at(long positionMicros, FramePump.Sink sink) {
        Loaded done = loaded.getAndSet(null);
        if (done != null && done.generation() == generation) {
            if (done.error() != null) {
                sink.refused(ControlMessage.ABOUT_SUBTITLES, done.error());
            } else {
                show(done.track().index(), TEXT, new CueFeed(done.track().index(), done.cues(), positionMicros), sink);
            }
        }
        if (feed != null) {
            for (SubtitleCue cue : feed.due(positionMicros)) {
                sink.cue(feed.track(), cue);
            }
        }
    }

    /** The pictures jumped: the cues on screen at the new place are due again. */
    void seeked(long positionMicros) {
        if (feed != null) {
            feed.rewind(positionMicros);
        }
    }

    private void show(int index, String how, CueFeed cues, FramePump.Sink sink) {
        feed = cues;
        shown = index;
        mode = how;
        LOG.info("session {}: subtitles {}", name, index < 0 ? "off" : "stream " + index + " (" + how
                + (cues != null ? ", " + cues.size() + " cues" : "") + ")");
        sink.subtitles(index, how);
    }

    private void stopDrawing(FrameReader frames) {
        if (BURN_IN.equals(mode)) {
            try {
                frames.burnInSubtitles(OptionalInt.empty());
            } catch (IOException e) {
                LOG.debug("session {}: stopping the drawn subtitles failed", name, e);
            }
        }
    }

    /** Reads the cues on a helper thread; the pump takes them over at its next picture (or report). */
    private void load(SubtitleTrack track) {
        long g = ++generation;
        Thread t = new Thread(() -> {
            Loaded result;
            try {
                List<SubtitleCue> cues = reader.cues(file, track.index());
                result = cues.isEmpty() ? new Loaded(g, track, cues, "subtitle stream " + track.index()
                        + " has no line that can be read (damaged or empty)") : new Loaded(g, track, cues, null);
            } catch (IOException | RuntimeException e) {
                result = new Loaded(g, track, List.of(), "subtitle stream " + track.index() + " cannot be read: "
                        + e.getMessage());
            }
            loaded.set(result);
        }, "webrtc-cues-" + name);
        t.setDaemon(true);
        t.start();
    }
}
