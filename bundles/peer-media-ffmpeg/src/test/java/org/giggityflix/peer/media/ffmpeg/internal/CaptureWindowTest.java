package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code CaptureWindowTest} is responsible for proving that search windows are about ±1 s but never share frames
 * with a neighbour's window, whatever order the positions come in.
 */
class CaptureWindowTest {

    @Test
    void isolatedPositionsGetTheFullWindow() {
        List<CaptureWindow> windows = CaptureWindow.around(List.of(10.0, 20.0), 1.0);

        assertEquals(new CaptureWindow(10.0, 9.0, 11.0), windows.get(0));
        assertEquals(new CaptureWindow(20.0, 19.0, 21.0), windows.get(1));
    }

    @Test
    void closeNeighboursSplitTheGapBetweenThem() {
        List<CaptureWindow> windows = CaptureWindow.around(List.of(3.0, 2.0, 2.5), 1.0);

        assertEquals(new CaptureWindow(3.0, 2.75, 4.0), windows.get(0));
        assertEquals(new CaptureWindow(2.0, 1.0, 2.25), windows.get(1));
        assertEquals(new CaptureWindow(2.5, 2.25, 2.75), windows.get(2));
    }

    @Test
    void neverStartsBeforeTheFile() {
        assertEquals(new CaptureWindow(0.3, 0.0, 1.3), CaptureWindow.around(List.of(0.3), 1.0).get(0));
    }
}
