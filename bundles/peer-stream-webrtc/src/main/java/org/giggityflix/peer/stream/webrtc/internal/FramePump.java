package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.TrackChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FramePump} is responsible for reading one file through the codec bundles' {@code FrameSource} (chosen by
 * a {@link FrameOpener}) and handing its pictures (upright, SDR, I420) and sound (s16le, 48 kHz, mono, 10 ms
 * chunks, {@link AudioChunker}) to a {@link Sink} at real-time pace, on its own thread: it decodes the first picture
 * while the session connects ({@link ReadAhead}) and sends once it is connected, obeys play/pause/seek, audio-track
 * and subtitle switches (asked through {@link PumpControls}; text cues handed out in step with the pictures, image
 * subtitles drawn by the reader: {@link SubtitleSwitch}), reports its position, stops at the end of the file
 * (paused, so the viewer can seek back), and ends the session with the reader's reason when the file breaks off.
 */
final class FramePump {

    private static final Logger LOG = LoggerFactory.getLogger(FramePump.class);

    /** Where decoded media goes. Called on the pump thread only. */
    interface Sink {
        /**
         * One picture: planes of an I420 image, valid only during the call. {@code dueNanos} is when it is due to be
         * shown on the {@link System#nanoTime()} clock (media time paced from the start of play), so a picture sent
         * late still carries its place in the stream.
         */
        void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v,
                     int strideV, long dueNanos);

        /** 10 ms of sound: 480 samples, s16le mono at 48 kHz. */
        void sound(byte[] chunk);

        /** The position moved or the pump changed state; at most every report interval. */
        void progress(FramePump pump);

        /** The pump cannot go on (file unreadable, decoder error, file cut short or gone). */
        void failed(String reason);

        /**
         * A switch the viewer asked for was refused (the track does not exist, cannot be shown); playing goes on.
         *
         * @param about {@link ControlMessage#ABOUT_AUDIO} or {@link ControlMessage#ABOUT_SUBTITLES}
         */
        void refused(String about, String reason);

        /** The subtitles shown now: a stream index (-1: none) and how ({@link SubtitleSwitch#TEXT} …). */
        void subtitles(int track, String mode);

        /** A text subtitle cue to show now, with its times on the file's clock. */
        void cue(int track, SubtitleCue cue);
    }
    /** Behind real time by more than this, the pump stops catching up and carries on from where it is. */
    static final long MAX_LAG_NANOS = 250_000_000L;

    private final Path file;
    private final FrameOpener opener;
    private final FrameOptions options;
    private final Sink sink;
    private final Thread thread;
    private final PumpControls controls = new PumpControls();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final SubtitleSwitch subtitles;
    /** The frames decoded up to the first picture while the viewer connects (pump thread only). */
    private final ReadAhead ahead = new ReadAhead();

    private volatile FrameReader reader;
    private volatile IOException openError;
    private volatile long positionMicros;
    /** When the picture at {@link #positionMicros} was due ({@link System#nanoTime()}), 0 before one after a seek. */
    private volatile long positionDueNanos;
    private volatile long durationMicros;
    private volatile int width;
    private volatile int height;
    private volatile int audioTrack = -1;

    FramePump(Path file, FrameOpener opener, FrameOptions options, Sink sink, String name) {
        this(file, opener, SubtitleReader.NONE, options, sink, name);
    }

    FramePump(Path file, FrameOpener opener, SubtitleReader subtitleReader, FrameOptions options, Sink sink,
              String name) {
        this.subtitles = new SubtitleSwitch(file, subtitleReader, name);
        this.file = file;
        this.opener = opener;
        this.options = options;
        this.sink = sink;
        this.thread = new Thread(this::run, "webrtc-pump-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread: it opens the file right away and waits for {@link #begin()} to send anything. */
    void start() {
        thread.start();
    }

    /**
     * Waits until the file is open; why it could not be, if not ({@link NoSuchTrackException} when the wanted audio
     * track does not exist).
     */
    IOException awaitOpen(long timeoutMs) throws InterruptedException {
        if (!opened.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            return new IOException("opening " + file.getFileName() + " took longer than " + timeoutMs + " ms");
        }
        return openError;
    }

    /** The viewer is connected: send from the current position. */
    void begin() {
        controls.begin();
    }

    void play() {
        controls.play();
    }

    void pause() {
        controls.pause();
    }

    void seek(double seconds) {
        controls.seek((long) (seconds * 1_000_000), durationMicros);
    }

    /** Switches the sound to another track of the file (done on the pump thread; a refusal goes to the sink). */
    void selectAudio(TrackChoice choice) {
        controls.selectAudio(choice);
    }

    /** Shows other subtitles, or none (done on the pump thread; a refusal goes to the sink). */
    void selectSubtitles(SubtitleChoice choice) {
        controls.selectSubtitles(choice);
    }

    /** The subtitle stream shown (as text or drawn into the pictures), -1 for none. */
    int subtitleTrack() {
        return subtitles.shown();
    }

    /** Stops the thread and waits for it (it owns the decoder). */
    void stop() {
        controls.stop();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double positionSeconds() {
        return positionMicros / 1e6;
    }

    /**
     * Where the stream is at this instant while it plays: the last picture handed out plus the time since it was due
     * (at most {@link #MAX_LAG_NANOS}), so a position read a while after that picture (the status is sent after
     * libwebrtc's statistics are read) still matches the pictures on their way to the viewer.
     */
    double positionSecondsNow() {
        long due = positionDueNanos;
        long position = positionMicros;
        if (due == 0 || !controls.go() || controls.paused() || controls.ended()) {
            return position / 1e6;
        }
        long since = Math.max(0, Math.min(System.nanoTime() - due, MAX_LAG_NANOS));
        return (position + since / 1_000) / 1e6;
    }

    double durationSeconds() {
        return durationMicros / 1e6;
    }

    boolean paused() {
        return controls.paused() || controls.ended();
    }

    boolean ended() {
        return controls.ended();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean hasAudio() {
        return audioTrack >= 0;
    }

    /** The file's stream index of the track heard, -1 for none. */
    int audioTrack() {
        return audioTrack;
    }

    private void run() {
        try {
            FrameReader r = opener.open(file, options);
            width = r.width();
            height = r.height();
            durationMicros = Math.max(0, Math.round(r.durationSeconds() * 1_000_000));
            audioTrack = r.audioTrack().orElse(-1);
            reader = r;
        } catch (IOException e) {
            openError = e;
            opened.countDown();
            return;
        } catch (RuntimeException | LinkageError e) {
            openError = new IOException("cannot decode " + file.getFileName() + ": " + e, e);
            opened.countDown();
            return;
        }
        opened.countDown();
        try {
            subtitles.open();
            subtitles.choose(SubtitleChoice.AUTO, audioLanguage(reader), reader, 0, sink);
            pump();
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException e) {
            if (!controls.stopped()) {
                // The reader's own words: where the file broke off, or why it cannot be read on.
                LOG.info("streaming {} ends: {}", file, e.getMessage());
                sink.failed(e.getMessage());
            }
        } catch (Exception e) {
            if (!controls.stopped()) {
                LOG.warn("decoding {} failed", file, e);
                sink.failed("decoding failed: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void close() {
        FrameReader r = reader;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the reader of {} failed", file, e);
            }
        }
    }

    private void pump() throws Exception {
        FrameReader r = reader;
        AudioChunker chunker = new AudioChunker();
        long mediaBase = -1;
        long clockBase = 0;
        long lastReport = 0;
        while (!controls.stopped()) {
            PumpControls.Turn turn = controls.awaitTurn(ahead.filled(), WebRtcConstants.REPORT_INTERVAL_MS);
            if (turn == PumpControls.Turn.READ_AHEAD) {
                ahead.fill(r);
                continue;
            }
            if (turn == PumpControls.Turn.IDLE) {
                // Reported outside the lock: the sink reads libwebrtc's stats, which waits for libwebrtc's thread,
                // and that thread may be delivering a viewer's message that needs the lock (a deadlock when paused).
                mediaBase = -1;
                positionDueNanos = 0;
                if (controls.go()) {
                    subtitles.at(positionMicros, sink);
                    lastReport = report(lastReport);
                }
                continue;
            }
            if (controls.stopped()) {
                return;
            }
            TrackChoice wanted = controls.takeAudioSwitch();
            if (wanted != null) {
                ahead.drop();
                switchAudio(r, wanted, chunker);
                mediaBase = -1;
                lastReport = report(0);
                if (!controls.go() || controls.paused() || controls.ended()) {
                    continue;
                }
            }
            SubtitleChoice shown = controls.takeSubtitleSwitch();
            if (shown != null) {
                ahead.drop();
                // Drawing image subtitles re-reads the file from the pictures' place: sound starts in step again.
                subtitles.choose(shown, audioLanguage(r), r, positionMicros, sink);
                chunker.clear();
                mediaBase = -1;
                lastReport = report(0);
                if (!controls.go() || controls.paused() || controls.ended()) {
                    continue;
                }
            }
            long seek = controls.takeSeek();
            if (seek >= 0) {
                ahead.drop();
                r.seek(seek / 1e6);
                positionDueNanos = 0;
                positionMicros = seek;
                subtitles.seeked(seek);
                chunker.clear();
                mediaBase = -1;
                lastReport = report(0);
                if (!controls.go() || controls.paused()) {
                    continue;
                }
            }
            DecodedFrame frame = ahead.next(r);
            if (frame == null) {
                controls.end();
                positionMicros = durationMicros > 0 ? durationMicros : positionMicros;
                lastReport = report(0);
                continue;
            }
            long ts = frame.timestampMicros();
            if (mediaBase < 0) {
                mediaBase = ts;
                clockBase = System.nanoTime();
            }
            long due = clockBase + (ts - mediaBase) * 1_000;
            long late = System.nanoTime() - due;
            if (late > MAX_LAG_NANOS) {
                // Starved of CPU for a while: carry on from here at real time instead of rushing the backlog
                // out (a burst the viewer would see as a freeze then fast motion); the stream slips by that much.
                clockBase += late;
                due += late;
            }
            if (!controls.sleepUntil(due)) {
                mediaBase = -1;
                continue; // paused, seeking or stopping meanwhile: the frame is dropped
            }
            if (frame instanceof DecodedFrame.Picture p) {
                sink.picture(p.width(), p.height(), p.y(), p.strideY(), p.u(), p.strideU(), p.v(), p.strideV(), due);
                positionMicros = ts;
                positionDueNanos = due;
                subtitles.at(ts, sink);
            } else if (frame instanceof DecodedFrame.Sound sound) {
                chunker.add(sound.pcm(), sink);
            }
            lastReport = report(lastReport);
        }
    }

    private void switchAudio(FrameReader r, TrackChoice wanted, AudioChunker chunker) throws IOException {
        try {
            r.selectAudioTrack(wanted);
            int now = r.audioTrack().orElse(-1);
            if (now != audioTrack) {
                LOG.info("streaming {}: audio switched to stream {} ({})", file.getFileName(), now, wanted);
            }
            audioTrack = now;
            chunker.clear();
            subtitles.audioChanged(audioLanguage(r), r, positionMicros, sink);
        } catch (NoSuchTrackException e) {
            sink.refused(ControlMessage.ABOUT_AUDIO, e.getMessage());
        }
    }

    /** The language of the track heard. */
    private static Optional<String> audioLanguage(FrameReader r) {
        int heard = r.audioTrack().orElse(-1);
        return r.audioTracks().stream().filter(t -> t.streamIndex() == heard).findFirst()
                .flatMap(FrameReader.Track::language);
    }

    private long report(long lastReport) {
        long now = System.currentTimeMillis();
        if (now - lastReport < WebRtcConstants.REPORT_INTERVAL_MS) {
            return lastReport;
        }
        sink.progress(this);
        return now;
    }
}
