package org.giggityflix.peer.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code PeerIdFile} is responsible for the generated peer id kept in {@code DATA_DIR/peer-id}: reading it,
 * and writing it once so that a crash never leaves a half-written id behind.
 */
final class PeerIdFile {

    private final Path file;

    PeerIdFile(Path dataDir) {
        this.file = dataDir.resolve(CoreConstants.PEER_ID_FILE);
    }

    Path path() {
        return file;
    }

    /** The stored id, or the one {@code newId} makes, stored before it is returned. */
    String readOrCreate(Supplier<String> newId) {
        return read().orElseGet(() -> {
            String id = newId.get();
            write(id);
            return id;
        });
    }

    /**
     * The stored id; empty when there is no file. A file that does not hold a valid id is refused rather than
     * replaced: replacing it would silently give the peer a new identity the Edge does not know.
     */
    Optional<String> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        // strip() only drops the trailing newline write() adds; inner line breaks make the id invalid.
        String id = decode().strip();
        String problem = PeerIds.problem(id);
        if (problem != null) {
            throw new PeerSetupException(file + " does not hold a valid peer id (" + problem + "). The peer will not invent a new identity by itself: restore the file, delete it to "
                    + "generate a new id, or set PEER_ID (peerId in " + CoreConstants.PEER_PID + ")");
        }
        return Optional.of(id);
    }

    private String decode() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "\u0000"; // not text at all: reported as an invalid character
        } catch (IOException e) {
            throw new PeerSetupException("cannot read " + file + " (" + DataDirectory.describe(e) + ")", e);
        }
    }

    /** Temp file + fsync + rename: the id file is either absent or complete. */
    void write(String id) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), CoreConstants.PEER_ID_FILE + "-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            move(tmp);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new PeerSetupException("cannot write the peer id to " + file + " ("
                    + DataDirectory.describe(e) + ")", e);
        }
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The failure being reported matters more than a stray temp file.
        }
    }
}
