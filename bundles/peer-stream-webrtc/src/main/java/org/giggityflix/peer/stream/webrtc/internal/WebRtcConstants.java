package org.giggityflix.peer.stream.webrtc.internal;

/**
 * {@code WebRtcConstants} is responsible for the names this bundle shares with configuration, the shell and the
 * viewer's page.
 */
final class WebRtcConstants {

    /** Configuration PID (metatype in {@link WebRtcConfig}). */
    static final String PID = "org.giggityflix.peer.webrtc";

    /** The transport's name, published as {@code transport=webrtc}. */
    static final String TRANSPORT = "webrtc";

    /** Label of the data channel that carries play/pause/seek/stop and position reports. */
    static final String CONTROL_CHANNEL = "control";

    /** Stream id the media tracks are announced under. */
    static final String STREAM_ID = "giggityflix";

    /** Audio is pushed as signed 16-bit little-endian mono at 48 kHz in 10 ms chunks (480 samples). */
    static final int AUDIO_RATE = 48_000;
    static final int AUDIO_CHUNK_SAMPLES = 480;

    /** How often a running session reports its position and checks its file is still there. */
    static final long REPORT_INTERVAL_MS = 500;

    /**
     * A session whose viewer stays unreachable (connection DISCONNECTED: no answer to ICE checks) this long ends and
     * frees its decoder; one that comes back sooner goes on where it was.
     */
    static final long VIEWER_GONE_SECONDS = 15;

    /** A session paused for an unreachable viewer resumes this long before where the viewer was last heard from. */
    static final double OUTAGE_REWIND_SECONDS = 1;

    /** How long a viewer stays unreachable before the session offers it an ICE restart (its network changed). */
    static final long ICE_RESTART_AFTER_MS = 1500;

    private WebRtcConstants() {
    }
}
