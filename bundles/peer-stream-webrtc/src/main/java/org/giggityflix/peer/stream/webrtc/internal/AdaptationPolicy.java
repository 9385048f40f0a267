package org.giggityflix.peer.stream.webrtc.internal;

import java.util.List;

/**
 * {@code AdaptationPolicy} is responsible for choosing, twice a second, the step of a {@link Degradation} ladder a
 * session sends at, from what the link allows: libwebrtc's bandwidth estimate (capped by the session's bitrate
 * limit) and whether the encoder reports itself limited by bandwidth while sending fewer frames than asked.
 *
 * <p>It steps down fast and climbs back slowly, so a stream neither starves nor flaps: after a short warm-up while
 * the estimate ramps up, one reading whose budget is clearly below what the current step needs steps down at once
 * to the step that fits, a reading only a little short needs a second one in a row (one second), and climbing back
 * takes five seconds of readings that allow more, one step at a time. An encoder that sends fewer frames than asked
 * while calling itself bandwidth-limited steps down one step, but only when the estimate does not comfortably cover
 * the step (on a loaded machine libwebrtc says "bandwidth" for frames the CPU lost: the link is not the cause) and
 * not before the last change has had time to settle. libwebrtc cannot adapt by itself for frames pushed through a
 * custom source: its own adaptation asks the source to scale, webrtc-java's source ignores the request, and the
 * encoder drops frames instead.
 *
 * <p>While the estimate falls (below 70 % of its highest of the last two seconds), the budget is also held to the
 * bitrate libwebrtc gives the encoder, and the first reading short of the step steps down: that target drops as soon
 * as packets pile up on the path, one to two seconds before the estimate has come down to the link's new rate (a
 * drop from 8 to 1.5 Mbit/s: the target at 1.3 Mbit/s while the estimate still said 2.9), and a link that narrows is
 * no noise to wait out. Once per fall: while the queue drains the target dips below what the link carries, and
 * following it further took the stream a step too low for a few seconds. On a link that is steadily lossy the
 * target stays well below the estimate and is not counted, or the stream goes up and down a step every few seconds.
 *
 * <p>libwebrtc's "bandwidth" limitation stays set long after its quality scaler asked the source for a smaller
 * picture (the custom source ignores the request), so it does not hold a stream low on a link whose estimate covers
 * twice what the better step needs (it kept a 720p file at 480p for 15 s on an 8 Mbit/s link); {@code
 * lingeringFlag=false} is the behaviour before that, kept for the link benchmark's comparison.
 */
final class AdaptationPolicy {

    /** Seconds between two readings of the link. */
    static final double SAMPLE_SECONDS = 0.5;
    /** Bits per pixel per frame a picture needs to look acceptable (VP8/H.264 at 30 fps: 720p ~1.4 Mbit/s). */
    static final double BITS_PER_PIXEL = 0.05;
    /** Share of the estimate the video may plan on (audio, RTCP, retransmissions and headroom take the rest). */
    static final double HEADROOM = 0.85;
    /**
     * Readings ignored while libwebrtc's estimate ramps up from its start value (5 s: on a loaded machine it is
     * still climbing at 3 s, and one clearly short reading then took a 3 Mbit/s stream to 360p at 20 fps).
     */
    static final int WARM_UP_SAMPLES = 10;
    /** A budget below this share of what the current step needs steps down on one reading. */
    static final double CLEARLY_LOW = 0.8;
    /** Readings in a row a smaller shortfall needs before stepping down (1 s). */
    static final int DOWN_SAMPLES = 2;
    /** Readings in a row that allow more before climbing one step (5 s). */
    static final int UP_SAMPLES = 10;
    /** An estimate that covers this many times what the current step needs is never the cause of lost frames. */
    static final double COMFORTABLE = 2.0;
    /** Readings after a change before a starved encoder counts again (2 s: its frame rate is measured over 1 s). */
    static final int SETTLE_SAMPLES = 4;
    /** An estimate below this share of its highest of the last two seconds is falling: the link narrows now. */
    static final double FALLING = 0.7;
    /** Readings the falling estimate is compared with (2 s). */
    static final int FALL_SAMPLES = 4;

    /**
     * What the link looked like at one reading.
     *
     * @param estimateKbps     the send-side bandwidth estimate (0 when unknown)
     * @param bandwidthLimited the encoder says bandwidth limits it
     * @param sentFps          frames per second the encoder sent
     * @param targetKbps       the bitrate libwebrtc gives the encoder now (0 when unknown): it falls as soon as
     *                         packets pile up on the path, a second or two before the estimate does
     */
    record Sample(double estimateKbps, boolean bandwidthLimited, double sentFps, double targetKbps) {

        Sample(double estimateKbps, boolean bandwidthLimited, double sentFps) {
            this(estimateKbps, bandwidthLimited, sentFps, 0);
        }
    }

    private final List<Degradation.Step> ladder;
    private final int width;
    private final int height;
    private final int capKbps;
    private final boolean flagLingers;
    private int current;
    private int samples;
    private int downVotes;
    private int upVotes;
    private int sinceChange = SETTLE_SAMPLES;
    /** A step was taken on the encoder's target during this fall: the rest of it goes by the estimate alone. */
    private boolean steppedOnTarget;
    private final double[] recentEstimates = new double[FALL_SAMPLES];
    private int estimates;

    AdaptationPolicy(Degradation preference, int width, int height, int capKbps) {
        this(preference, width, height, capKbps, true);
    }

    /**
     * @param flagLingers the "bandwidth" flag is known to linger and does not hold a stream low on a link the estimate
     *                    covers twice (see the class comment); false is the behaviour before that
     */
    AdaptationPolicy(Degradation preference, int width, int height, int capKbps, boolean flagLingers) {
        this.ladder = preference.ladder();
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.capKbps = capKbps;
        this.flagLingers = flagLingers;
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

    /** Takes one reading of the link for a file of {@code fps} frames per second; returns the step to send at. */
    Degradation.Step update(Sample sample, double fps) {
        samples++;
        sinceChange++;
        if (samples <= WARM_UP_SAMPLES || sample.estimateKbps() <= 0) {
            return step();
        }
        double budget = Math.min(sample.estimateKbps(), capKbps) * HEADROOM;
        boolean falling = falling(sample.estimateKbps());
        if (!falling) {
            steppedOnTarget = false;
        }
        boolean narrowing = falling && sample.targetKbps() > 0 && !steppedOnTarget;
        if (narrowing) {
            budget = Math.min(budget, sample.targetKbps());
        }
        int fits = ladder.size() - 1;
        for (int i = 0; i < ladder.size(); i++) {
            if (needKbps(ladder.get(i), fps) <= budget) {
                fits = i;
                break;
            }
        }
        double need = needKbps(step(), fps);
        if (fits > current) {
            upVotes = 0;
            if (budget < CLEARLY_LOW * need || narrowing || ++downVotes >= DOWN_SAMPLES) {
                change(fits);
                steppedOnTarget |= narrowing;
            }
        } else if (starving(sample, fps, need) && current < ladder.size() - 1) {
            upVotes = 0;
            if (++downVotes >= DOWN_SAMPLES) {
                change(current + 1);
            }
        } else if (fits < current && (!sample.bandwidthLimited()
                || flagLingers && budget >= COMFORTABLE * needKbps(ladder.get(current - 1), fps))) {
            downVotes = 0;
            if (++upVotes >= UP_SAMPLES) {
                change(current - 1);
            }
        } else {
            downVotes = 0;
            upVotes = 0;
        }
        return step();
    }

    /**
     * Whether the estimate is falling: below {@link #FALLING} of the highest of the last {@link #FALL_SAMPLES}
     * readings before this one (which it then joins). Only then does the encoder's target count: it falls with the
     * first packets that pile up, before the estimate has come down, but on a steadily lossy link it sits well below
     * the estimate for good, and counting it there takes the stream up and down a step every few seconds.
     */
    private boolean falling(double estimateKbps) {
        double highest = 0;
        for (double e : recentEstimates) {
            highest = Math.max(highest, e);
        }
        recentEstimates[estimates++ % recentEstimates.length] = estimateKbps;
        return estimateKbps < FALLING * highest;
    }

    /**
     * Whether the encoder sends clearly fewer frames than asked, calls itself bandwidth-limited, and the link could
     * be the reason: the estimate does not comfortably cover the step, and the last change has settled.
     */
    private boolean starving(Sample sample, double fps, double need) {
        return sample.bandwidthLimited() && sample.sentFps() > 0
                && sample.sentFps() < 0.75 * fps * step().fpsFraction()
                && sample.estimateKbps() * HEADROOM < COMFORTABLE * need
                && sinceChange > SETTLE_SAMPLES;
    }

    private void change(int to) {
        current = to;
        downVotes = 0;
        upVotes = 0;
        sinceChange = 0;
    }
}
