package org.giggityflix.peer.media.y4m.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code Y4mFile} is responsible for random access to the frames of a YUV4MPEG2 file: every frame is a
 * {@code FRAME} line followed by planes of fixed size, so frame {@code i} starts at
 * {@code header + i × (frame line + planes)} and is read without touching the frames before it.
 *
 * <p>A last frame cut short (a truncated copy) is not counted. Frame lines carrying their own parameters must all
 * have the same length; a frame whose line is not where that predicts fails with a reason.
 */
final class Y4mFile implements AutoCloseable {

    private static final byte[] FRAME = {'F', 'R', 'A', 'M', 'E'};

    private final Path path;
    private final FileChannel channel;
    private final Y4mHeader header;
    private final int frameLineBytes;
    private final long frameCount;

    private Y4mFile(Path path, FileChannel channel, Y4mHeader header, int frameLineBytes, long frameCount) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.frameLineBytes = frameLineBytes;
        this.frameCount = frameCount;
    }

    static Y4mFile open(Path path) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "the file is gone");
        }
        try {
            byte[] start = new byte[Y4mHeader.MAX_HEADER];
            int read = readAt(channel, ByteBuffer.wrap(start), 0);
            Y4mHeader header = Y4mHeader.parse(start, Math.max(read, 0), path.toString());
            long size = channel.size();
            int frameLine = size > header.headerBytes() ? frameLine(channel, header.headerBytes(), path) : 6;
            long stride = frameLine + header.planeBytes();
            long frames = Math.max(0, (size - header.headerBytes()) / stride);
            return new Y4mFile(path, channel, header, frameLine, frames);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Y4mHeader header() {
        return header;
    }

    long frameCount() {
        return frameCount;
    }

    double durationSeconds() {
        return frameCount / header.frameRate();
    }

    /** Reads the luma plane of frame {@code index} into {@code luma} (length at least width × height). */
    void readLuma(long index, byte[] luma) throws IOException {
        long at = planesOf(index);
        readFully(ByteBuffer.wrap(luma, 0, (int) header.lumaBytes()), at);
    }

    /** Reads all planes of frame {@code index}: Y, then U and V (empty for mono). */
    byte[][] readFrame(long index) throws IOException {
        long at = planesOf(index);
        byte[] y = new byte[(int) header.lumaBytes()];
        int chroma = header.chromaWidth() * header.chromaHeight();
        byte[] u = new byte[chroma];
        byte[] v = new byte[chroma];
        readFully(ByteBuffer.wrap(y), at);
        readFully(ByteBuffer.wrap(u), at + y.length);
        readFully(ByteBuffer.wrap(v), at + y.length + chroma);
        return new byte[][] {y, u, v};
    }

    /** The frame nearest {@code seconds}, within the file. */
    long frameAt(double seconds) {
        long index = Math.round(seconds * header.frameRate());
        return Math.max(0, Math.min(frameCount - 1, index));
    }

    double secondsOf(long index) {
        return index / header.frameRate();
    }

    private long planesOf(long index) throws IOException {
        if (index < 0 || index >= frameCount) {
            throw new IOException(path + " has " + frameCount + " frames; there is no frame " + index);
        }
        long line = header.headerBytes() + index * (frameLineBytes + header.planeBytes());
        byte[] magic = new byte[FRAME.length];
        readFully(ByteBuffer.wrap(magic), line);
        for (int i = 0; i < FRAME.length; i++) {
            if (magic[i] != FRAME[i]) {
                throw new IOException(path + ": frame " + index + " does not start where fixed-size frames put it"
                        + " (frame lines of different lengths are not supported)");
            }
        }
        return line + frameLineBytes;
    }

    private static int frameLine(FileChannel channel, long at, Path path) throws IOException {
        byte[] line = new byte[Y4mHeader.MAX_HEADER];
        int read = readAt(channel, ByteBuffer.wrap(line), at);
        for (int i = 0; i < FRAME.length; i++) {
            if (i >= read || line[i] != FRAME[i]) {
                throw new IOException(path + ": no FRAME marker after the YUV4MPEG2 header");
            }
        }
        for (int i = FRAME.length; i < read; i++) {
            if (line[i] == '\n') {
                return i + 1;
            }
        }
        throw new IOException(path + ": the first FRAME line does not end");
    }

    private void readFully(ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException(path + " ends in the middle of a frame (truncated?)");
            }
            position += n;
        }
    }

    private static int readAt(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
