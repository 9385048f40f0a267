package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import org.junit.jupiter.api.Test;

/**
 * Checks what the adapter reads: the file's frame rate from the pictures' due times, unmoved by pictures the pump
 * skipped under load or a seek, every picture sent while no lower rate is asked for; and from the peer connection's
 * statistics (read twice a second), a drop of the selected pair's estimate changes the step at the next reading,
 * while a loaded machine's "bandwidth"-limited, frame-starved sender on a link the estimate covers keeps its step.
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

    @Test
    void aDropInTheEstimateChangesTheStepAtTheNextReading() {
        LinkAdapter adapter = new LinkAdapter("s", Degradation.MAINTAIN_FRAMERATE, 5000);
        double position = 0;
        for (int i = 0; i < AdaptationPolicy.WARM_UP_SAMPLES + 10; i++) { // 8 s at 8 Mbit/s
            adapter.read(report(8_000_000, "none", 30), position += AdaptationPolicy.SAMPLE_SECONDS);
            assertNull(adapter.next(1280, 720), "a wide link: no change");
        }
        adapter.read(report(900_000, "bandwidth", 14), position + AdaptationPolicy.SAMPLE_SECONDS);
        Degradation.Step step = adapter.next(1280, 720);
        assertTrue(step != null && step.scaleDown() > 1 && step.fpsFraction() == 1,
                "half a second after the drop was read, a smaller picture at the full frame rate: " + step);
        assertNull(adapter.next(1280, 720), "no new statistics: nothing to decide");
    }

    @Test
    void aLoadedMachineDoesNotTakeAStreamDownALinkTheEstimateCovers() {
        LinkAdapter adapter = new LinkAdapter("s", Degradation.BALANCED, 1000);
        Degradation.Step sent = adapter.step();
        for (int i = 0; i < 120; i++) { // a minute of a 5 Mbit/s estimate, 9 fps sent of 30, "bandwidth"
            adapter.read(report(5_000_000, "bandwidth", 9), i * AdaptationPolicy.SAMPLE_SECONDS);
            Degradation.Step step = adapter.next(1280, 720);
            sent = step == null ? sent : step;
        }
        assertEquals(new Degradation.Step(1.5, 1), sent, "what the session's 1 Mbit/s cap fits (853x480), no lower");
    }

    private static RTCStatsReport report(double estimateBps, String limitation, double fps) {
        Map<String, RTCStats> all = new HashMap<>();
        put(all, "OT-video", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "framesPerSecond", fps,
                "qualityLimitationReason", limitation));
        put(all, "CP-1", RTCStatsType.CANDIDATE_PAIR, Map.of("nominated", true,
                "availableOutgoingBitrate", estimateBps, "bytesReceived", 1000L));
        return new RTCStatsReport(all, 0) { };
    }

    private static void put(Map<String, RTCStats> all, String id, RTCStatsType type, Map<String, Object> attributes) {
        all.put(id, new RTCStats(0, type, id, attributes) { });
    }
}
