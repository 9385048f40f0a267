package org.giggityflix.peer.stream.webrtc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Degradation} is responsible for the owner's choice of what a stream gives up first when the viewer's link
 * is too narrow for the file (setting {@code degradationPreference}): frame rate kept for sport-like content,
 * resolution kept for films, or a balance of both. Each names its ladder of steps, best first.
 */
enum Degradation {

    /** Lower the resolution first, then (from a quarter of the pixels) the frame rate too. */
    BALANCED("balanced", List.of(new Step(1, 1), new Step(1.5, 1), new Step(2, 1), new Step(2, 2 / 3.0),
            new Step(2, 0.5), new Step(3, 0.5), new Step(4, 1 / 3.0))),
    /** Keep the frame rate (sport): lower the resolution down to a sixteenth of the pixels. */
    MAINTAIN_FRAMERATE("maintain-framerate", List.of(new Step(1, 1), new Step(1.5, 1), new Step(2, 1),
            new Step(3, 1), new Step(4, 1), new Step(4, 0.5))),
    /** Keep the resolution (films): lower the frame rate down to a third, only then the resolution. */
    MAINTAIN_RESOLUTION("maintain-resolution", List.of(new Step(1, 1), new Step(1, 2 / 3.0), new Step(1, 0.5),
            new Step(1, 1 / 3.0), new Step(1.5, 1 / 3.0), new Step(2, 1 / 3.0), new Step(3, 1 / 3.0)));

    /**
     * One rung of a ladder.
     *
     * @param scaleDown   the picture's width and height are divided by this (libwebrtc's scaleResolutionDownBy)
     * @param fpsFraction the share of the file's frames sent
     */
    record Step(double scaleDown, double fpsFraction) {
    }

    private final String key;
    private final List<Step> ladder;

    Degradation(String key, List<Step> ladder) {
        this.key = key;
        this.ladder = ladder;
    }

    /** The name used in the configuration. */
    String key() {
        return key;
    }

    /** The steps, best picture first. */
    List<Step> ladder() {
        return ladder;
    }

    /** The preference named {@code value} (case and {@code _}/{@code -} ignored), or empty. */
    static Optional<Degradation> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Degradation d : values()) {
            if (d.key.equals(wanted)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
