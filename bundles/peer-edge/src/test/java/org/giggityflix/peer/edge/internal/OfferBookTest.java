package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.junit.jupiter.api.Test;

/** {@code OfferBookTest} is responsible for proving a file is offered once per stream, and the stream's cursor. */
class OfferBookTest {

    private static UncatalogedFile uncataloged(long luid, String relative) {
        return new UncatalogedFile(luid, relative, 10);
    }

    @Test
    void aStaleSnapshotAfterTheAnswerDoesNotOfferTheFileAgain() {
        OfferBook book = new OfferBook(1 << 20);
        assertEquals(1, book.claim(List.of(uncataloged(7, "a.mp4"))).size());
        assertEquals(7L, book.answered("a.mp4"));
        assertEquals(null, book.answered("a.mp4"), "answered once");
        assertEquals(null, book.answered("never-offered.mp4"));

        // The scanner's update committed before the catalog id was stored: its row still has no id.
        assertTrue(book.claim(List.of(uncataloged(7, "a.mp4"))).isEmpty());
        // Another file is still offered.
        assertEquals(1, book.claim(List.of(uncataloged(8, "b.mp4"))).size());
    }

    @Test
    void aFileAwaitingItsIdIsNotOfferedTwice() {
        OfferBook book = new OfferBook(1 << 20);
        assertEquals(1, book.claim(List.of(uncataloged(7, "a.mp4"))).size());
        assertTrue(book.claim(List.of(uncataloged(7, "a.mp4"))).isEmpty());
    }

    @Test
    void theCursorSweepsOnceAndAgainOnlyForAFileHeldBackByASamePathFile() {
        OfferBook book = new OfferBook(1 << 20);
        List<UncatalogedFile> page = List.of(uncataloged(3, "a.mp4"), uncataloged(5, "a.mp4"));
        book.listed(page, 2);
        assertEquals(5, book.cursor());
        assertFalse(book.swept(), "a full page: there may be more");
        assertEquals(1, book.claim(page).get(0).getFilesCount(), "the second a.mp4 waits for the first's answer");
        book.listed(List.of(), 2);
        assertTrue(book.swept());
        assertEquals(5, book.cursor(), "an empty page keeps the cursor");

        assertFalse(book.sweepAgainIfDeferred(), "not while the first a.mp4 awaits its answer");
        book.answered("a.mp4");
        assertTrue(book.sweepAgainIfDeferred());
        assertEquals(0, book.cursor());
        assertFalse(book.swept());
        assertEquals(1, book.claim(page).get(0).getFilesCount(), "now the second one; the first was answered");

        book.listed(List.of(uncataloged(9, "c.mp4")), 2);
        assertTrue(book.swept());
        assertFalse(book.sweepAgainIfDeferred(), "nothing was held back this time");
        book.more();
        assertFalse(book.swept(), "new files: read on from the cursor");
        assertEquals(9, book.cursor());
    }
}
