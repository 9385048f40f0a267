package org.giggityflix.peer.stream.webrtc.internal;

import java.util.List;

/**
 * {@code AdaptationPolicy} is responsible for choosing, once a second, the step of a {@link Degradation} ladder a
 * session sends at, from what the link allows: libwebrtc's bandwidth estimate (capped by the session's bitrate
 * limit) and whether the encoder reports itself limited by bandwidth while sending fewer frames than asked.
 *
 * <p>It steps down fast (two samples in a row that call for less, after a short warm-up while the estimate ramps
 * up) and climbs back slowly (one step after five samples in a row that allow more), so a stream neither starves
 * nor flaps. libwebrtc cannot do this itself for frames pushed through a custom source: its own adaptation asks
 * the source to scale, and webrtc-java's source ignores the request, so the encoder drops frames instead.
 */
final class AdaptationPolicy {

    /** Bits per pixel per frame a picture needs to look acceptable (VP8/H.264 at 30 fps: 720p ~1.4 Mbit/s). */
    static final double BITS_PER_PIXEL = 0.05;
    /** Share of the estimate the video may plan on (audio, RTCP, retransmissions and headroom take the rest). */
    static final double HEADROOM = 0.85;
    static final int WARM_UP_SAMPLES = 3;
    static final int DOWN_SAMPLES = 2;
    static final int UP_SAMPLES = 5;

    /**
     * What the link looked like over the last second.
     *
     * @param estimateKbps     the send-side bandwidth estimate (0 when unknown)
     * @param bandwidthLimited the encoder says bandwidth limits it
     * @param sentFps          frames per second the encoder sent
     */
    record Sample(double estimateKbps, boolean bandwidthLimited, double sentFps) {
    }

    private final List<Degradation.Step> ladder;
    private final int width;
    private final int height;
    private final int capKbps;
    private int current;
    private int samples;
    private int downVotes;
    private int upVotes;

    AdaptationPolicy(Degradation preference, int width, int height, int capKbps) {
        this.ladder = preference.ladder();
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.capKbps = capKbps;
    }

    /** The step sent now. */
    Degradation.Step step() {
        return ladder.get(current);
    }

    /** kbit/s the step needs at {@code fps} frames per second of the file. */
    double needKbps(Degradation.Step step, double fps) {
        double pixels = (width / step.scaleDown()) * (height / step.scaleDown());
        return pixels * fps * step.fpsFraction() * BITS_PER_PIXEL / 1000;
    }

    /** Takes one sample of the link for a file of {@code fps} frames per second; returns the step to send at. */
    Degradation.Step update(Sample sample, double fps) {
        samples++;
        if (samples <= WARM_UP_SAMPLES || sample.estimateKbps() <= 0) {
            return step();
        }
        double budget = Math.min(sample.estimateKbps(), capKbps) * HEADROOM;
        int fits = ladder.size() - 1;
        for (int i = 0; i < ladder.size(); i++) {
            if (needKbps(ladder.get(i), fps) <= budget) {
                fits = i;
                break;
            }
        }
        boolean starving = sample.bandwidthLimited() && sample.sentFps() > 0
                && sample.sentFps() < 0.75 * fps * step().fpsFraction();
        if (fits > current || (starving && current < ladder.size() - 1)) {
            upVotes = 0;
            if (++downVotes >= DOWN_SAMPLES) {
                current = Math.max(fits, current + 1);
                downVotes = 0;
            }
        } else if (fits < current && !sample.bandwidthLimited()) {
            downVotes = 0;
            if (++upVotes >= UP_SAMPLES) {
                current--;
                upVotes = 0;
            }
        } else {
            downVotes = 0;
            upVotes = 0;
        }
        return step();
    }
}
