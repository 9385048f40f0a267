package org.giggityflix.peer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Figures} is responsible for reporting each measured figure twice: as a readable line while the benchmark
 * runs, and as one tab-separated row appended to the results file that {@code bench/run.sh} turns into the final
 * table (figure, measured, baseline, ratio, goal, verdict).
 */
final class Figures {

    private final Optional<Path> results;

    Figures(Optional<Path> results) {
        this.results = results;
    }

    /** Reads the results file from {@code -Dbench.results}, if given. */
    static Figures fromSystemProperties() {
        return new Figures(Optional.ofNullable(System.getProperty("bench.results")).map(Path::of));
    }

    /**
     * A figure compared with a baseline measured in the same run.
     *
     * @param goalRatio the ratio the issue asks for at most
     */
    void ratio(String figure, double seconds, String baselineName, double baselineSeconds, double goalRatio) {
        double ratio = seconds / baselineSeconds;
        row(figure, seconds(seconds), baselineName + " " + seconds(baselineSeconds), String.format(Locale.ROOT,
                "%.2fx", ratio), String.format(Locale.ROOT, "<= %.1fx", goalRatio), ratio <= goalRatio);
    }

    /** A figure compared with a baseline for context, without a goal of its own. */
    void compare(String figure, double seconds, String baselineName, double baselineSeconds) {
        row(figure, seconds(seconds), baselineName + " " + seconds(baselineSeconds), String.format(Locale.ROOT,
                "%.2fx", seconds / baselineSeconds), "-", null);
    }

    /** A figure with an absolute goal ({@code value <= goal}); the ratio printed is value / goal. */
    void absolute(String figure, double value, String unit, double goal) {
        row(figure, format(value, unit), "-", String.format(Locale.ROOT, "%.2fx of goal", value / goal),
                "<= " + format(goal, unit), value <= goal);
    }

    /** A figure without a goal (reported only). */
    void info(String figure, String value) {
        row(figure, value, "-", "-", "-", null);
    }

    private void row(String figure, String measured, String baseline, String ratio, String goal, Boolean met) {
        String verdict = met == null ? "reported" : met ? "met" : "MISSED";
        System.out.printf(Locale.ROOT, "  %-48s %-14s %-26s %-14s %-10s %s%n", figure, measured, baseline, ratio,
                goal, verdict);
        results.ifPresent(file -> append(file, String.join("\t", figure, measured, baseline, ratio, goal, verdict)));
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seconds(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000)
                : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String format(double value, String unit) {
        return switch (unit) {
            case "s" -> seconds(value);
            case "ms" -> String.format(Locale.ROOT, "%.2f ms", value);
            default -> String.format(Locale.ROOT, "%.1f %s", value, unit);
        };
    }
}
