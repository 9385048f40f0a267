package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.Test;

/** {@code OfferBookTest} is responsible for proving a file is offered once per stream. */
class OfferBookTest {

    private static MediaFile uncataloged(long luid, String relative, MediaStatus status) {
        Path root = Path.of("/media");
        return new MediaFile(luid, Optional.empty(), root.resolve(relative), root, relative, 10, Instant.EPOCH,
                Optional.empty(), status, Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aStaleSnapshotAfterTheAnswerDoesNotOfferTheFileAgain() {
        OfferBook book = new OfferBook(1 << 20);
        assertEquals(1, book.claim(List.of(uncataloged(7, "a.mp4", MediaStatus.PENDING))).size());
        assertEquals(Optional.of(7L), book.answered("a.mp4"));

        // The scanner's update committed before the catalog id was stored: its row still has no id.
        assertTrue(book.claim(List.of(uncataloged(7, "a.mp4", MediaStatus.READY))).isEmpty());
        // Another file is still offered.
        assertEquals(1, book.claim(List.of(uncataloged(8, "b.mp4", MediaStatus.READY))).size());
    }

    @Test
    void aFileAwaitingItsIdIsNotOfferedTwice() {
        OfferBook book = new OfferBook(1 << 20);
        assertEquals(1, book.claim(List.of(uncataloged(7, "a.mp4", MediaStatus.PENDING))).size());
        assertTrue(book.claim(List.of(uncataloged(7, "a.mp4", MediaStatus.READY))).isEmpty());
    }
}
