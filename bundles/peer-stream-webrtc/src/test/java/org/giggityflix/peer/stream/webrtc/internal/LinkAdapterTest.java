package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checks what the adapter reads from the pictures alone: the file's frame rate from their due times, unmoved by
 * pictures the pump skipped under load or a seek, and every picture sent while no lower rate is asked for.
 */
class LinkAdapterTest {

    @Test
    void theFrameRateIsTheFilesEvenWhenPicturesAreSkipped() {
        LinkAdapter adapter = new LinkAdapter("s", Degradation.BALANCED, 2500);
        assertEquals(30, adapter.sourceFps(), 0.01); // before any picture
        long due = 0;
        int sent = 0;
        for (int i = 0; i < 200; i++) {
            // 24 fps, with every fifth gap three frames long (skipped pictures) and a seek in the middle.
            due += (i % 5 == 0 ? 3 : 1) * 41_666_667L + (i == 100 ? 60_000_000_000L : 0);
            sent += adapter.admit(due) ? 1 : 0;
        }
        assertEquals(24, adapter.sourceFps(), 0.01);
        assertEquals(200, sent, "no lower rate asked for: every picture goes out");
        assertTrue(adapter.step().equals(new Degradation.Step(1, 1)));
    }
}
