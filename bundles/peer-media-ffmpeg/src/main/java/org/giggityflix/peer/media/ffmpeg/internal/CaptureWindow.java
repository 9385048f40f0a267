package org.giggityflix.peer.media.ffmpeg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code CaptureWindow} is responsible for the span of media whose frames compete to be the thumbnail of one
 * requested position: about ±{@code halfWidth} around it, narrowed so that neighbouring positions never share a
 * frame.
 *
 * @param position the requested position, seconds
 * @param from     first instant considered (inclusive), seconds
 * @param to       end of the span (exclusive), seconds
 */
record CaptureWindow(double position, double from, double to) {

    /**
     * One window per position, in the order given; positions must be finite and not negative. A repeated
     * position is not its own neighbour: it gets the same window, so the same frame.
     */
    static List<CaptureWindow> around(List<Double> positions, double halfWidth) {
        TreeSet<Double> sorted = new TreeSet<>(positions);
        List<CaptureWindow> windows = new ArrayList<>(positions.size());
        for (double position : positions) {
            Double previous = sorted.lower(position);
            Double next = sorted.higher(position);
            // Halfway to a neighbour is the most a window may take, so the two spans only touch.
            double before = previous == null ? halfWidth : Math.min(halfWidth, (position - previous) / 2);
            double after = next == null ? halfWidth : Math.min(halfWidth, (next - position) / 2);
            windows.add(new CaptureWindow(position, Math.max(0, position - before), position + after));
        }
        return windows;
    }

    boolean contains(double seconds) {
        return seconds >= from && seconds < to;
    }
}
