package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.media.SubtitleCue;

/**
 * {@code RecordingSink} is responsible for standing in for a session in the pump and subtitle tests: it records what
 * a pump hands on for the viewer, each in words a test can compare (a picture's first luma byte, a sound chunk's
 * first byte, failures, refusals, the subtitles shown and their cues). A test that must act on a progress report
 * overrides {@link #progress(FramePump)}.
 */
class RecordingSink implements FramePump.Sink {

    /** Each picture's first luma byte (the frame number {@link StubReader} writes there). */
    final List<Integer> pictures = new CopyOnWriteArrayList<>();
    /** Each sound chunk's first byte. */
    final List<Integer> sounds = new CopyOnWriteArrayList<>();
    /** Each failure's reason. */
    final List<String> failures = new CopyOnWriteArrayList<>();
    /** Each refusal, "about: reason". */
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Each subtitle state the viewer was told, "track mode" ("-1 off", "3 text", "5 burn-in"). */
    final List<String> shown = new CopyOnWriteArrayList<>();
    /** Each cue handed out, "track text". */
    final List<String> cues = new CopyOnWriteArrayList<>();

    @Override
    public void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                        ByteBuffer v, int strideV, long dueNanos) {
        pictures.add(y.get(y.position()) & 0xff);
    }

    @Override
    public void sound(byte[] chunk) {
        sounds.add((int) chunk[0]);
    }

    @Override
    public void progress(FramePump pump) {
    }

    @Override
    public void failed(String reason) {
        failures.add(reason);
    }

    @Override
    public void refused(String about, String reason) {
        refusals.add(about + ": " + reason);
    }

    @Override
    public void subtitles(int track, String mode) {
        shown.add(track + " " + mode);
    }

    @Override
    public void cue(int track, SubtitleCue cue) {
        cues.add(track + " " + cue.text());
    }
}
