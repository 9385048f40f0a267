package org.giggityflix.peer.stream.http.internal;

import static org.giggityflix.peer.stream.http.internal.JsonReplies.error;
import static org.giggityflix.peer.stream.http.internal.JsonReplies.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.json.Json;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.api.web.PeerWebContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SignalingServlet} is responsible for the player page's WebRTC signaling over the peer's own HTTP, in the
 * owner's {@code giggityflix} context (signed in, CSRF-checked): {@code POST open?luid=&codec=&kbps=} (the offer),
 * {@code POST answer?session=} (SDP body), {@code POST candidate?session=&mid=&index=} (candidate body),
 * {@code POST stop?session=}, and {@code GET events?session=} (long poll: the peer's candidates, an ICE restart's
 * offer {@code {"type":"offer","sdp":…}} — answered with another {@code POST answer} — and the end).
 * It drives the same {@link WebRtcSignaling} the Edge link does. A session belongs to the user who opened it;
 * {@link SignalingChannels} caps how many a user has open and frees what the page no longer reads.
 */
final class SignalingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final long POLL_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SignalingServlet.class);

    private final transient Supplier<WebRtcSignaling> transport;
    private final transient SignalingChannels channels;

    SignalingServlet(Supplier<WebRtcSignaling> transport, SignalingChannels channels) {
        this.transport = transport;
        this.channels = channels;
    }

    /**
     * The player's open request: {@code luid}, and optionally {@code kbps}, {@code codec} and {@code audio} (a stream
     * index or a language, as {@link TrackChoice#parse} reads it; absent is the default track).
     */
    static SessionRequest sessionRequest(Function<String, String> parameter) {
        long luid = Long.parseLong(String.valueOf(parameter.apply("luid")));
        String codec = parameter.apply("codec");
        String kbps = parameter.apply("kbps");
        return new SessionRequest(Optional.empty(), luid,
                kbps == null || kbps.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(kbps)),
                codec == null || codec.isBlank() ? Optional.empty() : Optional.of(codec), List.of(),
                TrackChoice.parse(parameter.apply("audio")));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebRtcSignaling rtc = ready(request, response);
        if (rtc == null) {
            return;
        }
        String action = action(request);
        String session = request.getParameter("session");
        String user = String.valueOf(request.getAttribute(PeerWebContext.REMOTE_USER_ATTRIBUTE));
        if (!action.equals("open") && channels.of(session, user).isEmpty()) {
            json(response, 404, error("NO_SUCH_SESSION", "no such session"));
            return;
        }
        try {
            switch (action) {
                case "open" -> {
                    SessionRequest wanted = sessionRequest(request::getParameter);
                    if (!channels.reserve(user)) {
                        json(response, 429, error("LIMIT_REACHED",
                                "you already have the most players open at once; stop one first"));
                        return;
                    }
                    Queue queue = new Queue();
                    SessionOffer offer;
                    try {
                        offer = rtc.open(wanted, queue);
                    } catch (RuntimeException | SignalingException e) {
                        channels.release(user);
                        throw e;
                    }
                    channels.opened(user, offer.sessionId());
                    queue.attach(offer.sessionId());
                    json(response, 200, Json.createObjectBuilder().add("sessionId", offer.sessionId())
                            .add("sdp", offer.sdp()).build().toString());
                }
                case "answer" -> {
                    rtc.applyAnswer(session, body(request));
                    response.setStatus(204);
                }
                case "candidate" -> {
                    int index = Integer.parseInt(Optional.ofNullable(request.getParameter("index")).orElse("0"));
                    rtc.addRemoteCandidate(session, new IceCandidate(request.getParameter("mid"), index, body(request)));
                    response.setStatus(204);
                }
                case "stop" -> {
                    rtc.stop(session);
                    response.setStatus(204);
                }
                default -> json(response, 404, error("NOT_FOUND", "no such signaling step"));
            }
        } catch (NumberFormatException e) {
            json(response, 400, error("INVALID", "luid, index and kbps are numbers"));
        } catch (SignalingException e) {
            int status = switch (e.reason()) {
                case NO_SUCH_MEDIA, NO_SUCH_SESSION -> 404;
                case FILE_GONE -> 410;
                case LIMIT_REACHED -> 503;
                case INVALID -> 400;
                case FAILED -> 500;
            };
            json(response, status, error(e.reason().name(), e.getMessage()));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ready(request, response) == null) {
            return;
        }
        if (!"events".equals(action(request))) {
            json(response, 404, error("NOT_FOUND", "no such signaling step"));
            return;
        }
        String session = request.getParameter("session");
        String user = String.valueOf(request.getAttribute(PeerWebContext.REMOTE_USER_ATTRIBUTE));
        Optional<SignalingChannels.Channel> channel = channels.of(session, user);
        if (channel.isEmpty()) {
            json(response, 404, error("NO_SUCH_SESSION", "no such session"));
            return;
        }
        BlockingQueue<String> queue = channel.get().queue;
        channels.polled(channel.get());
        StringBuilder out = new StringBuilder("[");
        try {
            String first = queue.poll(POLL_SECONDS, TimeUnit.SECONDS);
            if (first != null) {
                out.append(first);
                for (String next; (next = queue.poll()) != null; ) {
                    out.append(',').append(next);
                }
                if (out.indexOf("\"ended\"") >= 0) {
                    channels.collected(session);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channels.polled(channel.get());
        }
        json(response, 200, out.append(']').toString());
    }

    /** The transport, or null after answering 403 (not signed in) or 503 (no WebRTC transport). */
    private WebRtcSignaling ready(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(PeerWebContext.REMOTE_USER_ATTRIBUTE) == null) {
            json(response, 403, error("SIGN_IN", "sign in to play files"));
            return null;
        }
        WebRtcSignaling rtc = transport.get();
        if (rtc == null) {
            json(response, 503, error("NOT_AVAILABLE",
                    "no WebRTC transport is installed (feature:install peer-stream-webrtc)"));
        }
        return rtc;
    }

    private static String action(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? "" : info.startsWith("/") ? info.substring(1) : info;
    }

    private static String body(HttpServletRequest request) throws IOException {
        return new String(request.getInputStream().readNBytes(PeerWebContext.MAX_BODY_BYTES), StandardCharsets.UTF_8);
    }

    /** Ends every queue (the transport or this bundle is going away). */
    void close() {
        channels.clear();
    }

    /**
     * Frees what pages left behind: ends not read in time, and sessions whose page stopped polling (the browser
     * went away), which are stopped. Called regularly by the component.
     */
    void sweep() {
        List<String> abandoned = channels.sweep();
        WebRtcSignaling rtc = transport.get();
        for (String session : abandoned) {
            LOG.info("player page gone: stopping WebRTC session {}", session);
            if (rtc != null) {
                rtc.stop(session);
            }
        }
    }

    /**
     * The transport's side of one session, queued for the page's long poll. Events that come before
     * {@code open} returned (the session id is not known to the page yet) are held here until then.
     */
    private final class Queue implements SignalingListener {
        private final List<String[]> early = new ArrayList<>();
        private boolean attached;

        synchronized void attach(String sessionId) {
            attached = true;
            for (String[] e : early) {
                deliver(e[0], e[1], e[2] != null);
            }
            early.clear();
        }

        @Override
        public synchronized void localCandidate(String sessionId, IceCandidate c) {
            String json = Json.createObjectBuilder().add("type", "candidate")
                    .add("candidate", JsonValues.of(c.candidate())).add("sdpMid", JsonValues.of(c.sdpMid()))
                    .add("sdpMLineIndex", c.sdpMLineIndex()).build().toString();
            if (attached) {
                deliver(sessionId, json, false);
            } else {
                early.add(new String[] {sessionId, json, null});
            }
        }

        @Override
        public boolean canRenegotiate() {
            return true;
        }

        /** An ICE restart's offer (the viewer became unreachable): the page answers it like the first. */
        @Override
        public synchronized void offer(String sessionId, String sdp) {
            String json = Json.createObjectBuilder().add("type", "offer").add("sdp", JsonValues.of(sdp)).build()
                    .toString();
            if (attached) {
                deliver(sessionId, json, false);
            } else {
                early.add(new String[] {sessionId, json, null});
            }
        }

        @Override
        public synchronized void ended(String sessionId, String reason) {
            String json = Json.createObjectBuilder().add("type", "ended").add("reason", JsonValues.of(reason)).build()
                    .toString();
            if (attached) {
                deliver(sessionId, json, true);
            } else {
                early.add(new String[] {sessionId, json, "ended"});
            }
        }

        private void deliver(String sessionId, String json, boolean end) {
            if (end) {
                channels.ended(sessionId, json);
            } else {
                channels.event(sessionId, json);
            }
        }
    }
}
