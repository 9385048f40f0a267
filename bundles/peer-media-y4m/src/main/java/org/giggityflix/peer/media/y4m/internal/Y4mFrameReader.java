package org.giggityflix.peer.media.y4m.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.TrackChoice;

/**
 * {@code Y4mFrameReader} is responsible for handing out a YUV4MPEG2 file's frames as I420 pictures, in order from
 * any frame a seek chose: 4:2:0 planes as they are, 4:2:2 and 4:4:4 chroma averaged down to 4:2:0, mono with
 * neutral chroma. The format has no sound: every audio choice but the default names a track it does not have.
 */
final class Y4mFrameReader implements FrameReader {

    private final Y4mFile file;
    private final Y4mHeader header;
    private final int chromaWidth;
    private final int chromaHeight;
    private final ByteBuffer u;
    private final ByteBuffer v;
    private long index;
    private boolean closed;

    private Y4mFrameReader(Y4mFile file) {
        this.file = file;
        this.header = file.header();
        this.chromaWidth = (header.width() + 1) / 2;
        this.chromaHeight = (header.height() + 1) / 2;
        this.u = ByteBuffer.allocate(chromaWidth * chromaHeight);
        this.v = ByteBuffer.allocate(chromaWidth * chromaHeight);
    }

    static Y4mFrameReader open(Path path, FrameOptions options) throws IOException {
        Y4mFile file = Y4mFile.open(path);
        Y4mFrameReader reader = new Y4mFrameReader(file);
        try {
            reader.selectAudioTrack(options.audioTrack());
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    @Override
    public int width() {
        return header.width();
    }

    @Override
    public int height() {
        return header.height();
    }

    @Override
    public double durationSeconds() {
        return file.durationSeconds();
    }

    @Override
    public List<Track> audioTracks() {
        return List.of();
    }

    @Override
    public OptionalInt audioTrack() {
        return OptionalInt.empty();
    }

    @Override
    public DecodedFrame next() throws IOException {
        if (index >= file.frameCount()) {
            return null;
        }
        long at = index++;
        byte[][] planes = file.readFrame(at);
        toI420(planes[1], u);
        toI420(planes[2], v);
        long micros = Math.round(file.secondsOf(at) * 1_000_000);
        return new DecodedFrame.Picture(micros, header.width(), header.height(), ByteBuffer.wrap(planes[0]),
                header.width(), u.duplicate().clear(), chromaWidth, v.duplicate().clear(), chromaWidth);
    }

    /** One chroma plane of the file's subsampling into 4:2:0 (averaging the samples each 4:2:0 one covers). */
    private void toI420(byte[] plane, ByteBuffer out) {
        byte[] target = out.array();
        Y4mHeader.Chroma chroma = header.chroma();
        if (chroma == Y4mHeader.Chroma.MONO) {
            java.util.Arrays.fill(target, (byte) 128);
            return;
        }
        if (chroma == Y4mHeader.Chroma.C420) {
            System.arraycopy(plane, 0, target, 0, target.length);
            return;
        }
        int sourceWidth = header.chromaWidth();
        int sourceHeight = header.chromaHeight();
        int stepX = chroma.shiftX == 1 ? 2 : 1;
        int stepY = chroma.shiftY == 1 ? 2 : 1;
        for (int row = 0; row < chromaHeight; row++) {
            for (int col = 0; col < chromaWidth; col++) {
                int sum = 0;
                int n = 0;
                for (int dy = 0; dy < stepY; dy++) {
                    int sy = Math.min(sourceHeight - 1, row * stepY + dy);
                    for (int dx = 0; dx < stepX; dx++) {
                        int sx = Math.min(sourceWidth - 1, col * stepX + dx);
                        sum += plane[sy * sourceWidth + sx] & 0xff;
                        n++;
                    }
                }
                target[row * chromaWidth + col] = (byte) ((sum + n / 2) / n);
            }
        }
    }

    @Override
    public void seek(double seconds) {
        index = file.frameCount() == 0 ? 0 : file.frameAt(Math.max(0, seconds));
    }

    @Override
    public void selectAudioTrack(TrackChoice choice) throws IOException {
        if (!choice.isDefault()) {
            throw new org.giggityflix.peer.api.media.NoSuchTrackException("a .y4m file has no audio track, so not "
                    + choice);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (IOException e) {
            // nothing was written: closing a read-only channel cannot lose anything
        }
    }
}
