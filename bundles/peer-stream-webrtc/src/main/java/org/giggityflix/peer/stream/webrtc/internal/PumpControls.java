package org.giggityflix.peer.stream.webrtc.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code PumpControls} is responsible for what the viewer asked of one {@link FramePump} and for the pump thread's
 * waits on it: connected, play, pause, seek, audio and subtitle switches and stop, each changed under one lock and
 * signalled to the pump thread, which waits while there is nothing to send and sleeps until a frame is due unless a
 * change comes first. Nothing else is done under that lock (the pump reports and decodes outside it).
 */
final class PumpControls {

    /** What the pump thread does next. */
    enum Turn {
        /** Something to do: a switch, a seek, or the next frame. */
        SEND,
        /** Nothing to send yet (the viewer is connecting): decode the first picture meanwhile. */
        READ_AHEAD,
        /** Nothing to send (not connected, paused or at the end): it waited for a change, or for a report's time. */
        IDLE
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private volatile TrackChoice audioSwitch;
    private volatile SubtitleChoice subtitleSwitch;
    private volatile boolean go;
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile boolean ended;
    private volatile long seekToMicros = -1;

    /** The viewer is connected: send from the current position. */
    void begin() {
        signal(() -> go = true);
    }

    /** Plays on; at the end of the file, from the start again. */
    void play() {
        signal(() -> {
            if (ended) {
                ended = false;
                seekToMicros = 0;
            }
            paused = false;
        });
    }

    void pause() {
        signal(() -> paused = true);
    }

    /** Seeks to {@code targetMicros}, at most to 0.1 s before the end of a file {@code durationMicros} long. */
    void seek(long targetMicros, long durationMicros) {
        signal(() -> {
            seekToMicros = durationMicros > 0 ? Math.min(targetMicros, Math.max(0, durationMicros - 100_000))
                    : targetMicros;
            ended = false;
        });
    }

    void selectAudio(TrackChoice choice) {
        signal(() -> audioSwitch = choice);
    }

    void selectSubtitles(SubtitleChoice choice) {
        signal(() -> subtitleSwitch = choice);
    }

    void stop() {
        signal(() -> stopped = true);
    }

    /** Whether the viewer is connected ({@link #begin()}). */
    boolean go() {
        return go;
    }

    /** Whether the viewer paused (the end of the file is {@link #ended()}). */
    boolean paused() {
        return paused;
    }

    boolean stopped() {
        return stopped;
    }

    boolean ended() {
        return ended;
    }

    /** The pump reached the end of the file: it waits there, as paused, for a seek or play. */
    void end() {
        ended = true;
    }

    /** The audio switch asked for since the last call, or null. */
    TrackChoice takeAudioSwitch() {
        TrackChoice choice = audioSwitch;
        if (choice != null) {
            audioSwitch = null;
        }
        return choice;
    }

    /** The subtitle switch asked for since the last call, or null. */
    SubtitleChoice takeSubtitleSwitch() {
        SubtitleChoice choice = subtitleSwitch;
        if (choice != null) {
            subtitleSwitch = null;
        }
        return choice;
    }

    /** The position (µs) a seek asked for since the last call, or -1. */
    long takeSeek() {
        long seek = seekToMicros;
        if (seek >= 0) {
            seekToMicros = -1;
        }
        return seek;
    }

    /**
     * What the pump does next; when there is nothing to send and nothing to read ahead ({@code aheadFilled}: the
     * first picture is decoded already), this waits up to {@code timeoutMs} for a change first.
     */
    Turn awaitTurn(boolean aheadFilled, long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            boolean idle = !stopped && (!go || paused || ended) && seekToMicros < 0 && audioSwitch == null
                    && subtitleSwitch == null;
            // Before the viewer is connected: the first picture is decoded meanwhile, then the pump waits.
            boolean readAhead = idle && !go && !paused && !ended && !aheadFilled;
            if (idle && !readAhead) {
                changed.await(timeoutMs, TimeUnit.MILLISECONDS);
            }
            return readAhead ? Turn.READ_AHEAD : idle ? Turn.IDLE : Turn.SEND;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps until {@code nanoTime} reaches {@code due}; false when a control change interrupts the wait. */
    boolean sleepUntil(long due) throws InterruptedException {
        lock.lock();
        try {
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                if (stopped || paused || seekToMicros >= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return !stopped && !paused && seekToMicros < 0;
        } finally {
            lock.unlock();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
