package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giggityflix.peer.stream.webrtc.internal.AdaptationPolicy.Sample;
import org.junit.jupiter.api.Test;

/**
 * Checks the choice of a step from the link's samples: no change while the estimate ramps up, down within two
 * seconds to what fits (resolution first for maintain-framerate, frame rate first for maintain-resolution), down one
 * more when the encoder starves the frame rate although the estimate looked enough, back up one step at a time
 * after five good seconds, never above the session's bitrate cap.
 */
class AdaptationPolicyTest {

    private static final Sample WIDE = new Sample(8000, false, 30);
    private static final Sample NARROW = new Sample(900, true, 14);

    private static AdaptationPolicy warmed(Degradation preference, int capKbps) {
        AdaptationPolicy policy = new AdaptationPolicy(preference, 1280, 720, capKbps);
        for (int i = 0; i < AdaptationPolicy.WARM_UP_SAMPLES; i++) {
            policy.update(new Sample(300, true, 10), 30); // the estimate still ramping up: ignored
        }
        return policy;
    }

    @Test
    void aWideLinkSendsTheFileAsItIs() {
        AdaptationPolicy policy = warmed(Degradation.BALANCED, 5000);
        for (int i = 0; i < 10; i++) {
            assertEquals(new Degradation.Step(1, 1), policy.update(WIDE, 30));
        }
    }

    @Test
    void maintainFramerateLowersTheResolutionWithinTwoSamples() {
        AdaptationPolicy policy = warmed(Degradation.MAINTAIN_FRAMERATE, 5000);
        assertEquals(new Degradation.Step(1, 1), policy.update(NARROW, 30));
        Degradation.Step step = policy.update(NARROW, 30);
        assertEquals(1.0, step.fpsFraction());
        assertTrue(step.scaleDown() > 1, step.toString());
        assertTrue(policy.needKbps(step, 30) <= 900 * AdaptationPolicy.HEADROOM, step.toString());
    }

    @Test
    void maintainResolutionLowersTheFrameRateFirst() {
        AdaptationPolicy policy = warmed(Degradation.MAINTAIN_RESOLUTION, 5000);
        policy.update(NARROW, 30);
        Degradation.Step step = policy.update(NARROW, 30);
        assertEquals(1.0, step.scaleDown());
        assertTrue(step.fpsFraction() < 1, step.toString());
    }

    @Test
    void aStarvedEncoderStepsDownEvenWhenTheEstimateLooksEnough() {
        AdaptationPolicy policy = warmed(Degradation.BALANCED, 5000);
        Sample starved = new Sample(3000, true, 12);
        policy.update(starved, 30);
        assertEquals(new Degradation.Step(1.5, 1), policy.update(starved, 30));
    }

    @Test
    void itClimbsBackOneStepAtATimeAfterFiveGoodSamples() {
        AdaptationPolicy policy = warmed(Degradation.MAINTAIN_FRAMERATE, 5000);
        policy.update(new Sample(250, true, 10), 30);
        Degradation.Step low = policy.update(new Sample(250, true, 10), 30);
        assertTrue(low.scaleDown() >= 3, low.toString());
        for (int i = 0; i < AdaptationPolicy.UP_SAMPLES - 1; i++) {
            assertEquals(low, policy.update(WIDE, 30));
        }
        Degradation.Step next = policy.update(WIDE, 30);
        assertTrue(next.scaleDown() < low.scaleDown(), next.toString());
        assertTrue(next.scaleDown() > 1, "one step only: " + next);
    }

    @Test
    void theSessionsCapCountsLikeANarrowLink() {
        AdaptationPolicy policy = warmed(Degradation.MAINTAIN_FRAMERATE, 600);
        policy.update(WIDE, 30);
        Degradation.Step step = policy.update(WIDE, 30);
        assertTrue(step.scaleDown() > 1, "720p30 does not fit 600 kbit/s: " + step);
    }
}
