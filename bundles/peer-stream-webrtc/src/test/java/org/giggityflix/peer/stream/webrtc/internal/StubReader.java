package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code StubReader} is responsible for standing in for a codec's {@link FrameReader} in the pump and subtitle tests:
 * a file of 16x16 pictures at a given rate, each one's frame number in its first luma byte, in one buffer reused at
 * every call as FFmpeg's reader does (so a pump that reads past a picture it still holds sends the wrong one). Small
 * options say what else a test needs: 10 ms of sound before each picture, an end or a break-off after so many reads,
 * the image subtitle stream it can draw. It counts its reads, and a seek moves it to the frame at that time.
 */
final class StubReader implements FrameReader {

    private final ByteBuffer plane = ByteBuffer.allocateDirect(16 * 16);
    private final ByteBuffer chroma = ByteBuffer.allocateDirect(8 * 8);
    private final double framesPerSecond;
    private final List<OptionalInt> drawn = new CopyOnWriteArrayList<>();
    private double durationSeconds = 60;
    private boolean sound;
    private int endAfter = -1;
    private int breakAfter = -1;
    private String breakOff;
    private int drawable = -1;
    private IntFunction<String> refusal;
    private volatile int reads;
    private int frame;
    private boolean soundNext = true;

    private StubReader(double framesPerSecond) {
        this.framesPerSecond = framesPerSecond;
    }

    /** Pictures {@code 1 / framesPerSecond} apart, from 0 s on, for as long as it is read; no sound. */
    static StubReader pictures(double framesPerSecond) {
        return new StubReader(framesPerSecond);
    }

    /** A file with nothing in it: the first read is the end. */
    static StubReader empty() {
        return pictures(30).endingAfter(0);
    }

    /** What it says its duration is (60 s unless set). */
    StubReader lasting(double seconds) {
        this.durationSeconds = seconds;
        return this;
    }

    /** 10 ms of sound (audio track 1, its first byte the frame number) before each picture. */
    StubReader withSound() {
        this.sound = true;
        return this;
    }

    /** The end of the file ({@code null}) at every read after the first {@code frames} reads. */
    StubReader endingAfter(int frames) {
        this.endAfter = frames;
        return this;
    }

    /** An {@link IOException} with {@code message}, as a file cut short gives, at every read after {@code frames}. */
    StubReader breakingOffAfter(int frames, String message) {
        this.breakAfter = frames;
        this.breakOff = message;
        return this;
    }

    /**
     * Draws image subtitle stream {@code stream} (and stops drawing on empty); any other stream is refused with a
     * {@link NoSuchTrackException} saying {@code refusal} of its index. Without this, every stream is refused as by
     * a reader that cannot draw subtitles.
     */
    StubReader drawing(int stream, IntFunction<String> refusal) {
        this.drawable = stream;
        this.refusal = refusal;
        return this;
    }

    /** How many times {@link #next()} was called. */
    int reads() {
        return reads;
    }

    /** Each subtitle stream it was told to draw, and empty for each stop, in order. */
    List<OptionalInt> drawn() {
        return drawn;
    }

    @Override
    public DecodedFrame next() throws IOException {
        int read = reads++;
        if (breakAfter >= 0 && read >= breakAfter) {
            throw new IOException(breakOff);
        }
        if (endAfter >= 0 && read >= endAfter) {
            return null;
        }
        long micros = Math.round(frame * 1_000_000.0 / framesPerSecond);
        if (sound && soundNext) {
            soundNext = false;
            byte[] pcm = new byte[WebRtcConstants.AUDIO_CHUNK_SAMPLES * 2];
            pcm[0] = (byte) frame;
            return new DecodedFrame.Sound(micros, 1, pcm);
        }
        soundNext = true;
        plane.put(0, (byte) frame);
        frame++;
        return new DecodedFrame.Picture(micros, 16, 16, plane.duplicate(), 16, chroma.duplicate(), 8,
                chroma.duplicate(), 8);
    }

    @Override
    public void seek(double seconds) {
        frame = (int) Math.round(seconds * framesPerSecond);
        soundNext = true;
    }

    @Override
    public void burnInSubtitles(OptionalInt streamIndex) throws IOException {
        if (refusal == null) {
            FrameReader.super.burnInSubtitles(streamIndex);
        } else if (streamIndex.isPresent() && streamIndex.getAsInt() != drawable) {
            throw new NoSuchTrackException(refusal.apply(streamIndex.getAsInt()));
        }
        drawn.add(streamIndex);
    }

    @Override
    public int width() {
        return 16;
    }

    @Override
    public int height() {
        return 16;
    }

    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    @Override
    public List<Track> audioTracks() {
        return sound ? List.of(new Track(1, Optional.empty(), Optional.empty(), true, 1)) : List.of();
    }

    @Override
    public OptionalInt audioTrack() {
        return sound ? OptionalInt.of(1) : OptionalInt.empty();
    }

    @Override
    public void selectAudioTrack(TrackChoice choice) {
    }

    @Override
    public void close() {
    }
}
