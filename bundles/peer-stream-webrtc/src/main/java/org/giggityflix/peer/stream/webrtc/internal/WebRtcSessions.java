package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.onvoid.webrtc.PeerConnectionFactory;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WebRtcSessions} is responsible for the transport's sessions, independent of OSGi: admission (file check,
 * concurrent limit, unique ids), signaling steps routed by session id, the answer/connect deadline, and ending a
 * session exactly once — freeing it on its own thread, off libwebrtc's — with the listener told why.
 */
final class WebRtcSessions implements WebRtcSignaling, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcSessions.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RtcEngine engine;
    private final MediaResolver media;
    private final FrameOpener frames;
    private final SubtitleReader subtitles;
    private final Supplier<WebRtcSettings> settings;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webrtc-sessions");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private record Entry(RtcSession session, SignalingListener listener, SendingStats stats) {
    }

    WebRtcSessions(RtcEngine engine, MediaResolver media, FrameOpener frames, Supplier<WebRtcSettings> settings) {
        this(engine, media, frames, SubtitleReader.NONE, settings);
    }

    WebRtcSessions(RtcEngine engine, MediaResolver media, FrameOpener frames, SubtitleReader subtitles,
                   Supplier<WebRtcSettings> settings) {
        this.subtitles = subtitles;
        this.engine = engine;
        this.media = media;
        this.frames = frames;
        this.settings = settings;
    }

    @Override
    public String name() {
        return WebRtcConstants.TRANSPORT;
    }

    @Override
    public List<StreamSession> sessions() {
        List<StreamSession> list = new ArrayList<>();
        sessions.values().forEach(e -> list.add(withStats(e)));
        list.sort(Comparator.comparing(StreamSession::started));
        return list;
    }

    /** A session as people see it, with its sending statistics once it is connected. */
    private static StreamSession withStats(Entry entry) {
        StreamSession described = entry.session().describe();
        if (!entry.session().connected()) {
            return described;
        }
        return entry.stats().read(entry.session().connection()).map(described::withStats).orElse(described);
    }

    @Override
    public SessionOffer open(SessionRequest request, SignalingListener listener) throws SignalingException {
        WebRtcSettings s = settings.get();
        String id = request.sessionId().orElseGet(() -> UUID.randomUUID().toString());
        if (!SESSION_ID.matcher(id).matches()) {
            throw new SignalingException(Reason.INVALID, "a session id is 1-128 letters, digits or ._:-");
        }
        Path file = media.resolve(request.luid());
        int kbps = Math.min(s.maxBandwidthKbps(), request.maxBitrateKbps().orElse(Integer.MAX_VALUE));
        if (kbps <= 0) {
            throw new SignalingException(Reason.INVALID, "max bitrate must be positive");
        }
        // Mono sound: what the Opus track is sent as (one channel keeps the encoder's work small).
        FrameOptions options = new FrameOptions(request.audioTrack(), s.preferredAudioLanguage(), 1);
        RtcSession session = new RtcSession(id, request.luid(), file, listener, this::ended, kbps, frames, subtitles,
                options, s.degradation());
        synchronized (sessions) {
            if (closed) {
                throw new SignalingException(Reason.FAILED, "the WebRTC transport is stopping");
            }
            if (sessions.containsKey(id)) {
                throw new SignalingException(Reason.INVALID, "a session with id " + id + " already runs");
            }
            if (sessions.size() >= s.maxSessions()) {
                throw new SignalingException(Reason.LIMIT_REACHED, "this peer already streams "
                        + sessions.size() + " session(s), its limit (maxSessions=" + s.maxSessions() + ")");
            }
            sessions.put(id, new Entry(session, listener, new SendingStats(Instant.now(), Clock.systemUTC())));
        }
        try {
            PeerConnectionFactory factory = engine.factory();
            List<IceServer> servers = request.iceServers().isEmpty() ? s.iceServers() : request.iceServers();
            String sdp = session.offer(factory, request, servers, s.turnTlsTrustSelfSigned());
            String hint = IceServers.unconnectedHint(servers, s.turnTlsTrustSelfSigned());
            worker.schedule(() -> deadline(id, session, s.answerTimeoutSec(), hint), s.answerTimeoutSec(),
                    TimeUnit.SECONDS);
            LOG.info("session {}: offered luid {} ({}) at most {} kbit/s", id, request.luid(), file.getFileName(),
                    kbps);
            return new SessionOffer(id, sdp);
        } catch (SignalingException e) {
            discard(id, session);
            throw e;
        } catch (Exception | LinkageError e) {
            discard(id, session);
            LOG.warn("session {}: could not start", id, e);
            throw new SignalingException(Reason.FAILED, "the WebRTC session could not start: " + e.getMessage(), e);
        }
    }

    private void discard(String id, RtcSession session) {
        sessions.computeIfPresent(id, (k, e) -> e.session() == session ? null : e);
        session.close();
    }

    private void deadline(String id, RtcSession session, int seconds, String hint) {
        Entry entry = sessions.get(id);
        // A session that connected once and is out of reach now is the outage rules' to end, not the deadline's.
        if (entry != null && entry.session() == session && !session.everConnected()) {
            end(id, "the viewer did not answer and connect within " + seconds + " s" + hint);
        }
    }

    @Override
    public void applyAnswer(String sessionId, String sdp) throws SignalingException {
        find(sessionId).session().answer(sdp);
    }

    @Override
    public void addRemoteCandidate(String sessionId, IceCandidate candidate) throws SignalingException {
        find(sessionId).session().candidate(candidate);
    }

    /** The running session with this id (for the benchmark's sender statistics). */
    Optional<RtcSession> session(String sessionId) {
        Entry entry = sessionId == null ? null : sessions.get(sessionId);
        return entry == null ? Optional.empty() : Optional.of(entry.session());
    }

    private Entry find(String sessionId) throws SignalingException {
        Entry entry = sessionId == null ? null : sessions.get(sessionId);
        if (entry == null) {
            throw new SignalingException(Reason.NO_SUCH_SESSION, "no WebRTC session " + sessionId
                    + " runs on this peer");
        }
        return entry;
    }

    @Override
    public boolean stop(String sessionId) {
        return end(sessionId, "stopped on the peer");
    }

    /** Called from libwebrtc and pump threads: the session is freed on the worker. */
    private void ended(String sessionId, String reason) {
        if (!closed) {
            worker.execute(() -> end(sessionId, reason));
        }
    }

    /** Ends and frees a session once; the listener hears why. */
    private boolean end(String sessionId, String reason) {
        Entry entry = sessionId == null ? null : sessions.remove(sessionId);
        if (entry == null) {
            return false;
        }
        entry.session().close();
        LOG.info("session {}: ended ({})", sessionId, reason);
        try {
            entry.listener().ended(sessionId, reason);
        } catch (RuntimeException e) {
            LOG.warn("session {}: the signaling side failed to hear its end", sessionId, e);
        }
        return true;
    }

    /** Ends every session (the transport is going away). */
    @Override
    public void close() {
        synchronized (sessions) {
            closed = true;
        }
        for (String id : List.copyOf(sessions.keySet())) {
            end(id, "the WebRTC transport was removed");
        }
        worker.shutdownNow();
    }
}
