package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.api.web.PeerWebContext;
import org.junit.jupiter.api.Test;

/**
 * {@code SignalingRestartTest} is responsible for proving the player page can carry an ICE restart: when the
 * transport offers one (its viewer became unreachable), the page's event poll hands it the new offer, and the page's
 * second {@code POST answer} of the same session reaches the transport.
 */
class SignalingRestartTest {

    @Test
    void anIceRestartsOfferReachesThePageAndItsAnswerTheTransport() throws Exception {
        Transport transport = new Transport();
        SignalingServlet servlet = new SignalingServlet(() -> transport,
                new SignalingChannels(Clock.systemUTC(), () -> 2, () -> 60));

        Call open = call(servlet, "POST", "/open", Map.of("luid", "7"), "");
        assertEquals(200, open.status, open.body());
        assertTrue(open.body().contains("\"sessionId\":\"s1\""), open.body());
        assertEquals(204, call(servlet, "POST", "/answer", Map.of("session", "s1"), "v=0 answer").status);

        SignalingListener peer = transport.listener;
        assertTrue(peer.canRenegotiate(), "the player page can be handed a restart");
        peer.offer("s1", "v=0 restart");
        Call events = call(servlet, "GET", "/events", Map.of("session", "s1"), "");
        assertEquals("[{\"type\":\"offer\",\"sdp\":\"v=0 restart\"}]", events.body());

        assertEquals(204, call(servlet, "POST", "/answer", Map.of("session", "s1"), "v=0 restart answer").status);
        assertEquals(List.of("v=0 answer", "v=0 restart answer"), transport.answers);
    }

    /** One request's outcome. */
    private static final class Call {
        int status = 200;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static Call call(SignalingServlet servlet, String method, String path, Map<String, String> parameters,
                             String body) throws Exception {
        Call call = new Call();
        ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass(HttpServletRequest.class),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getAttribute" -> PeerWebContext.REMOTE_USER_ATTRIBUTE.equals(a[0]) ? "owner" : null;
                    case "getPathInfo" -> path;
                    case "getMethod" -> method;
                    case "getParameter" -> parameters.get((String) a[0]);
                    case "getInputStream" -> new ServletInputStream() {
                        @Override
                        public int read() {
                            return in.read();
                        }

                        @Override
                        public boolean isFinished() {
                            return in.available() == 0;
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setReadListener(ReadListener listener) {
                        }
                    };
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass(HttpServletResponse.class), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        call.status = (Integer) a[0];
                        yield null;
                    }
                    case "getOutputStream" -> new ServletOutputStream() {
                        @Override
                        public void write(int b) {
                            call.out.write(b);
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                        }
                    };
                    default -> null;
                });
        if (method.equals("GET")) {
            servlet.doGet(request, response);
        } else {
            servlet.doPost(request, response);
        }
        return call;
    }

    private static ClassLoader getClass(Class<?> type) {
        return type.getClassLoader();
    }

    /** A transport that opens session s1 and keeps what the page sent. */
    private static final class Transport implements WebRtcSignaling {
        volatile SignalingListener listener;
        final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public SessionOffer open(SessionRequest request, SignalingListener l) {
            listener = l;
            return new SessionOffer("s1", "v=0 offer");
        }

        @Override
        public void applyAnswer(String sessionId, String sdp) {
            answers.add(sdp);
        }

        @Override
        public void addRemoteCandidate(String sessionId, IceCandidate candidate) {
        }

        @Override
        public String name() {
            return "webrtc";
        }

        @Override
        public List<StreamSession> sessions() {
            return List.of();
        }

        @Override
        public boolean stop(String sessionId) {
            return true;
        }
    }
}
