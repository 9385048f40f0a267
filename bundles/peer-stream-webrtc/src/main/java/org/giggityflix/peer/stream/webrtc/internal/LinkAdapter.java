package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LinkAdapter} is responsible for fitting one session's video to its viewer's link while it streams: twice a
 * second it reads the peer connection's statistics (the bandwidth estimate of the selected candidate pair, the
 * video sender's frame rate and quality limitation), lets the {@link AdaptationPolicy} choose a step, and applies
 * it: the resolution through the sender's {@code scaleResolutionDownBy} (libwebrtc scales before encoding) and the
 * frame rate by letting only every n-th picture through {@link #admit(long)} (plus {@code maxFramerate}, so the
 * encoder's rate control plans for it). It runs on the pump thread ({@link #tick}) except for the statistics
 * callback, which only stores the sample. A reading is acted on with the next picture after it arrives, not half a
 * second later, and carries the encoder's target bitrate beside the estimate (the policy counts it while the
 * estimate falls).
 *
 * <p>The system property {@value #LINGERING_FLAG_PROPERTY}{@code =false} gives the {@link AdaptationPolicy} its
 * behaviour from before it knew that libwebrtc's "bandwidth" flag lingers, {@value #QUICK_STEP_PROPERTY}{@code =false}
 * the one before it read the encoder's target: the link benchmark's comparisons only.
 */
final class LinkAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LinkAdapter.class);
    /** System property: {@code false} is the policy before the lingering flag was known (benchmark comparison). */
    static final String LINGERING_FLAG_PROPERTY = "giggityflix.webrtc.lingeringFlag";
    /**
     * System property: {@code false} chooses steps on the estimate alone, without the encoder's target, and applies
     * them at the next half-second tick instead of the next picture (benchmark comparison).
     */
    static final String QUICK_STEP_PROPERTY = "giggityflix.webrtc.quickStep";

    private final String session;
    private final Degradation preference;
    private final int capKbps;
    private final boolean flagLingers;
    private final boolean quickStep;
    private final AtomicReference<AdaptationPolicy.Sample> pending = new AtomicReference<>();
    /** The video sender and the picture's size, as the last {@link #tick} gave them (pump thread). */
    private RTCRtpSender sender;
    private int pictureWidth;
    private int pictureHeight;
    private AdaptationPolicy policy;
    /** The statistics the policy saw last (pump thread). */
    private AdaptationPolicy.Sample lastSample;
    private Degradation.Step applied = new Degradation.Step(1, 1);
    private volatile double fpsFraction = 1;
    private double credit;
    private long lastDue = Long.MIN_VALUE;
    /** The gaps between the last pictures' due times (pump thread only); the shortest is the file's frame time. */
    private final long[] gaps = new long[32];
    private int gapCount;
    /** Bytes received from the viewer so far, and the film's position when that last grew (statistics thread). */
    private volatile long bytesReceived;
    private volatile double heardAt = Double.NaN;
    /** The sender's queue between two readings, for the DEBUG line (statistics thread). */
    private final SenderQueue queue = new SenderQueue();

    LinkAdapter(String session, Degradation preference, int capKbps) {
        this.session = session;
        this.preference = preference;
        this.capKbps = capKbps;
        this.flagLingers = !"false".equalsIgnoreCase(System.getProperty(LINGERING_FLAG_PROPERTY));
        this.quickStep = !"false".equalsIgnoreCase(System.getProperty(QUICK_STEP_PROPERTY));
    }

    /** Whether the picture due at {@code dueNanos} is sent (the rest are dropped to lower the frame rate). */
    boolean admit(long dueNanos) {
        if (quickStep && sender != null && pending.get() != null) {
            decide();
        }
        if (lastDue != Long.MIN_VALUE && dueNanos > lastDue) {
            gaps[gapCount++ % gaps.length] = dueNanos - lastDue;
        }
        lastDue = dueNanos;
        credit += fpsFraction;
        if (credit >= 1 - 1e-9) {
            credit -= 1;
            return true;
        }
        return false;
    }

    /**
     * The file's frame rate as the pictures' due times show it: the shortest of the last 32 gaps (a picture the
     * pump skipped, a seek or a variable frame rate only lengthen gaps), 30 until there are any, at most 120.
     */
    double sourceFps() {
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(gapCount, gaps.length); i++) {
            shortest = Math.min(shortest, gaps[i]);
        }
        return shortest == Long.MAX_VALUE ? 30 : Math.min(120, 1e9 / shortest);
    }

    /**
     * Called every half second while the session streams: applies the step the last statistics call for, then asks
     * for the next statistics (they arrive on libwebrtc's thread and wait for the next call).
     */
    void tick(RTCPeerConnection pc, RTCRtpSender video, int width, int height, double positionSeconds) {
        sender = video;
        pictureWidth = width;
        pictureHeight = height;
        decide();
        try {
            pc.getStats(report -> read(report, positionSeconds));
        } catch (RuntimeException e) {
            LOG.debug("session {}: statistics not read", session, e);
        }
    }

    /** Applies the step the statistics read since the last call ask for (pump thread). */
    private void decide() {
        Degradation.Step step = next(pictureWidth, pictureHeight);
        if (step != null) {
            apply(sender, step, lastSample, pictureWidth, pictureHeight);
        }
    }

    /**
     * Hands the statistics read since the last call to the policy for a picture of {@code width}x{@code height};
     * returns the step to change to, or null to stay (no new statistics, or the same step).
     */
    Degradation.Step next(int width, int height) {
        if (policy == null) {
            if (width <= 0 || height <= 0) {
                return null;
            }
            policy = new AdaptationPolicy(preference, width, height, capKbps, flagLingers);
        }
        AdaptationPolicy.Sample sample = pending.getAndSet(null);
        if (sample == null) {
            return null;
        }
        lastSample = sample;
        Degradation.Step step = policy.update(sample, sourceFps());
        return step.equals(applied) ? null : step;
    }

    /**
     * Where the film was when the viewer was last heard from (its RTCP and ICE traffic still arriving), to the
     * second; empty before the first statistics. A viewer that becomes unreachable lost the picture about there.
     */
    OptionalDouble heardAt() {
        double at = heardAt;
        return Double.isNaN(at) ? OptionalDouble.empty() : OptionalDouble.of(at);
    }

    /** Stores what {@code report} says about the link for the next {@link #next} (libwebrtc's thread). */
    void read(RTCStatsReport report, double positionSeconds) {
        double estimate = 0;
        boolean limited = false;
        double fps = 0;
        double target = 0;
        long received = 0;
        Map<String, Object> sent = Map.of();
        for (RTCStats s : report.getStats().values()) {
            Map<String, Object> a = s.getAttributes();
            if (s.getType() == RTCStatsType.CANDIDATE_PAIR && a.get("bytesReceived") instanceof Number n) {
                received += n.longValue();
            }
            if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))
                    && a.get("availableOutgoingBitrate") instanceof Number n) {
                estimate = Math.max(estimate, n.doubleValue() / 1000);
            } else if (s.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(a.get("kind"))) {
                sent = a;
                limited = "bandwidth".equals(String.valueOf(a.get("qualityLimitationReason")));
                if (a.get("framesPerSecond") instanceof Number n) {
                    fps = n.doubleValue();
                }
                if (quickStep && a.get("targetBitrate") instanceof Number n) {
                    target = n.doubleValue() / 1000;
                }
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("session {}: at {} s link estimate {} kbit/s, encoder {} fps{}; {}", session, positionSeconds,
                    Math.round(estimate), fps, limited ? " (bandwidth-limited)" : "", queue.next(sent));
        }
        if (received > bytesReceived) {
            bytesReceived = received;
            heardAt = positionSeconds;
        }
        pending.set(new AdaptationPolicy.Sample(estimate, limited, fps, target));
    }

    private void apply(RTCRtpSender video, Degradation.Step step, AdaptationPolicy.Sample why, int width, int height) {
        try {
            RTCRtpSendParameters parameters = video.getParameters();
            if (parameters.encodings == null || parameters.encodings.isEmpty()) {
                return;
            }
            RTCRtpEncodingParameters encoding = parameters.encodings.get(0);
            encoding.scaleResolutionDownBy = step.scaleDown();
            encoding.maxFramerate = Math.max(5, sourceFps() * step.fpsFraction());
            video.setParameters(parameters);
            fpsFraction = step.fpsFraction();
            LOG.info("session {}: link estimate {} kbit/s, encoder target {} kbit/s{}: sending {}x{} at {} fps ({})",
                    session, Math.round(why.estimateKbps()), Math.round(why.targetKbps()),
                    why.bandwidthLimited() ? " (bandwidth-limited)" : "",
                    Math.round(width / step.scaleDown()), Math.round(height / step.scaleDown()),
                    Math.round(sourceFps() * step.fpsFraction()), preference.key());
            applied = step;
        } catch (RuntimeException e) {
            LOG.warn("session {}: adapting to the link failed", session, e);
        }
    }

    /** The step sent now. */
    Degradation.Step step() {
        return applied;
    }
}
