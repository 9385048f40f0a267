package org.giggityflix.peer.media.ffmpeg.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code RecordingLogger} is responsible for keeping what a test's code logs, with its level, from any thread, and
 * for writing only from a chosen level up (as a logger configured by an owner does).
 */
final class RecordingLogger extends LegacyAbstractLogger {

    /** {@code Line} is responsible for one logged line: its level, its text as formatted, the thread that logged it. */
    record Line(Level level, String text, String thread) {
    }

    private final Level threshold;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** @param threshold the most detailed level written, e.g. {@code INFO} writes INFO, WARN and ERROR */
    RecordingLogger(Level threshold) {
        this.threshold = threshold;
        this.name = "recording";
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    private boolean writes(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return writes(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return writes(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return writes(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return writes(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return writes(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(messagePattern, arguments),
                Thread.currentThread().getName()));
    }
}
