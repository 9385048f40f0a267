package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.testsupport.Json;
import org.giggityflix.peer.testsupport.Query;

/**
 * {@code SignalingServer} is responsible for a tiny HTTP signaling channel for the browser tests: the page, and
 * {@code POST /open?luid=&codec=}, {@code POST /answer?session=} (SDP body), {@code POST /candidate?session=&mid=
 * &index=} (candidate body) and {@code GET /events?session=} (long poll: candidates and the end), all handed to a
 * {@link WebRtcSignaling} exactly as the Edge link and the player page do.
 */
final class SignalingServer implements AutoCloseable {

    private final HttpServer server;
    private final WebRtcSignaling transport;
    private final Map<String, BlockingQueue<String>> events = new ConcurrentHashMap<>();
    final Map<String, String> endReasons = new ConcurrentHashMap<>();
    /** The SDP offers handed out, by session. */
    final Map<String, String> offers = new ConcurrentHashMap<>();
    /** What the viewer gets of each peer candidate (null: the candidate is withheld); the default passes all. */
    volatile UnaryOperator<String> peerCandidates = UnaryOperator.identity();
    /** What the viewer gets of each SDP offer of the peer (a test may take a feature out); the default passes all. */
    volatile UnaryOperator<String> offerToViewer = UnaryOperator.identity();
    /** What the peer gets of each viewer candidate (null: withheld); the default passes all. */
    volatile UnaryOperator<String> viewerCandidates = UnaryOperator.identity();

    SignalingServer(int port, WebRtcSignaling transport) throws IOException {
        this("127.0.0.1", port, transport);
    }

    /** Serves on {@code host} (a viewer in a network namespace reaches the host's veth address, not 127.0.0.1). */
    SignalingServer(String host, int port, WebRtcSignaling transport) throws IOException {
        this.transport = transport;
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> q = Query.parse(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            try {
                switch (path) {
                    case "/" -> reply(exchange, 200, "text/html", PAGE);
                    case "/open" -> {
                        SessionRequest request = new SessionRequest(Optional.empty(), Long.parseLong(q.get("luid")),
                                OptionalInt.empty(), Optional.ofNullable(q.get("codec")), List.of(),
                                TrackChoice.parse(q.get("audio")));
                        SessionOffer offer = transport.open(request, new Listener());
                        offers.put(offer.sessionId(), offer.sdp());
                        reply(exchange, 200, "application/json", "{\"sessionId\":" + Json.string(offer.sessionId())
                                + ",\"sdp\":" + Json.string(offerToViewer.apply(offer.sdp())) + "}");
                    }
                    case "/answer" -> {
                        transport.applyAnswer(q.get("session"), body);
                        reply(exchange, 204, null, "");
                    }
                    case "/candidate" -> {
                        String line = viewerCandidates.apply(body);
                        if (line != null) {
                            transport.addRemoteCandidate(q.get("session"), new IceCandidate(q.get("mid"),
                                    Integer.parseInt(q.getOrDefault("index", "0")), line));
                        }
                        reply(exchange, 204, null, "");
                    }
                    case "/events" -> {
                        BlockingQueue<String> queue = queue(q.get("session"));
                        StringBuilder out = new StringBuilder("[");
                        String first = queue.poll(1, TimeUnit.SECONDS);
                        if (first != null) {
                            out.append(first);
                            String next;
                            while ((next = queue.poll()) != null) {
                                out.append(',').append(next);
                            }
                        }
                        reply(exchange, 200, "application/json", out.append(']').toString());
                    }
                    default -> reply(exchange, 404, "text/plain", "not found");
                }
            } catch (SignalingException e) {
                reply(exchange, 409, "application/json", "{\"reason\":\"" + e.reason() + "\",\"message\":"
                        + Json.string(e.getMessage()) + "}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private BlockingQueue<String> queue(String session) {
        return events.computeIfAbsent(session, s -> new LinkedBlockingQueue<>());
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private final class Listener implements SignalingListener {
        @Override
        public void localCandidate(String sessionId, IceCandidate c) {
            String line = peerCandidates.apply(c.candidate());
            if (line == null) {
                return;
            }
            queue(sessionId).add("{\"type\":\"candidate\",\"candidate\":" + Json.string(line)
                    + ",\"sdpMid\":" + Json.string(c.sdpMid()) + ",\"sdpMLineIndex\":" + c.sdpMLineIndex() + "}");
        }

        @Override
        public boolean canRenegotiate() {
            return true;
        }

        @Override
        public void offer(String sessionId, String sdp) {
            queue(sessionId).add("{\"type\":\"offer\",\"sdp\":" + Json.string(offerToViewer.apply(sdp)) + "}");
        }

        @Override
        public void ended(String sessionId, String reason) {
            endReasons.put(sessionId, reason);
            queue(sessionId).add("{\"type\":\"ended\",\"reason\":" + Json.string(reason) + "}");
        }
    }

    /** The viewer: answers the peer's offer, trickles candidates, keeps the last status report. */
    static final String PAGE = """
            <!doctype html><html><body><video id="v" autoplay muted playsinline></video><script>
            window.state = {ended: null, status: null, error: null, sessionId: null, firstFrameMs: null, cues: []};
            // Where the peer's clock is now: its last report plus the time since, as a player draws cues by.
            function position() { const s = state.status; if (!s) return -1;
              return s.position + (s.paused || s.ended ? 0 : (performance.now() - state.statusAt) / 1000); }
            async function poll(id) {
              while (!state.ended) {
                const r = await fetch('/events?session=' + encodeURIComponent(id));
                for (const e of await r.json()) {
                  if (e.type === 'candidate') await pc.addIceCandidate({candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex});
                  if (e.type === 'ended') state.ended = e.reason;
                  if (e.type === 'offer') { // an ICE restart: answered like the first offer
                    await pc.setRemoteDescription({type: 'offer', sdp: e.sdp});
                    const again = await pc.createAnswer();
                    await pc.setLocalDescription(again);
                    await fetch('/answer?session=' + encodeURIComponent(id), {method: 'POST', body: again.sdp});
                    state.restarts = (state.restarts || 0) + 1;
                  }
                }
              }
            }
            async function start(luid, codec, audio) {
              const t0 = performance.now();
              window.pc = new RTCPeerConnection(window.rtcConfig || {});
              const video = document.getElementById('v');
              pc.ontrack = e => { if (e.track.kind === 'video') video.srcObject = e.streams[0];
                if (e.track.kind === 'audio') listen(e.track); };
              video.requestVideoFrameCallback(() => { state.firstFrameMs = performance.now() - t0; });
              pc.ondatachannel = e => { window.control = e.channel; e.channel.onmessage = m => { const msg = JSON.parse(m.data);
                if (msg.type === 'refused') { state.refused = msg.reason; state.refusedAbout = msg.about; }
                else if (msg.type === 'cue') { msg.at = position(); state.cues.push(msg); }
                else if (msg.type === 'subtitles') state.subtitles = msg;
                else { state.status = msg; state.statusAt = performance.now(); } }; };
              const r = await fetch('/open?luid=' + luid + (codec ? '&codec=' + codec : '')
                  + (audio ? '&audio=' + encodeURIComponent(audio) : ''), {method: 'POST'});
              const o = await r.json();
              if (!r.ok) { state.error = o.reason + ': ' + o.message; return; }
              state.sessionId = o.sessionId;
              pc.onicecandidate = e => { if (e.candidate && e.candidate.candidate) fetch('/candidate?session=' + o.sessionId
                  + '&mid=' + encodeURIComponent(e.candidate.sdpMid) + '&index=' + e.candidate.sdpMLineIndex,
                  {method: 'POST', body: e.candidate.candidate}); };
              await pc.setRemoteDescription({type: 'offer', sdp: o.sdp});
              const answer = await pc.createAnswer();
              await pc.setLocalDescription(answer);
              await fetch('/answer?session=' + o.sessionId, {method: 'POST', body: answer.sdp});
              poll(o.sessionId);
            }
            // The loudest frequency of the received sound (WebAudio); Chrome feeds a remote track to WebAudio only
            // while a media element plays it too.
            function listen(track) {
              const stream = new MediaStream([track]);
              const sink = new Audio(); sink.muted = true; sink.srcObject = stream; sink.play();
              const ctx = new AudioContext(); ctx.resume();
              const analyser = ctx.createAnalyser(); analyser.fftSize = 4096;
              ctx.createMediaStreamSource(stream).connect(analyser);
              const bins = new Float32Array(analyser.frequencyBinCount);
              setInterval(() => { analyser.getFloatFrequencyData(bins); let best = 0;
                for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
                state.tone = bins[best] > -70 ? best * ctx.sampleRate / analyser.fftSize : 0; }, 100);
            }
            // Mean luma-ish brightness (0-255) of a region of the received picture, drawn to a canvas.
            function brightness(x, y, w, h) {
              const v = document.getElementById('v'); const c = document.createElement('canvas');
              c.width = v.videoWidth; c.height = v.videoHeight; const g = c.getContext('2d');
              g.drawImage(v, 0, 0); const d = g.getImageData(x, y, w, h).data; let sum = 0;
              for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
              return sum / (d.length / 4);
            }
            async function inbound() {
              const stats = await pc.getStats();
              let out = null;
              stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') out = s; });
              if (out) { const c = stats.get(out.codecId); window.inboundVideo = {framesDecoded: out.framesDecoded,
                  width: out.frameWidth, height: out.frameHeight, codec: c ? c.mimeType : ''}; }
            }
            setInterval(() => { if (window.pc) inbound(); }, 200);
            // Benchmark: n independent viewers on this page, each with its own connection and video element.
            window.viewers = [];
            async function viewer(luid, codec) {
              const v = {t0: performance.now(), firstFrameMs: null, framesDecoded: 0, framesDropped: 0, ended: null, error: null, id: null};
              viewers.push(v);
              const video = document.createElement('video'); video.muted = true; video.autoplay = true; video.playsInline = true;
              document.body.appendChild(video);
              const pc = new RTCPeerConnection(); v.pc = pc;
              pc.ontrack = e => { if (e.track.kind === 'video') { video.srcObject = e.streams[0];
                video.requestVideoFrameCallback(() => { v.firstFrameMs = performance.now() - v.t0; }); } };
              const r = await fetch('/open?luid=' + luid + (codec ? '&codec=' + codec : ''), {method: 'POST'});
              const o = await r.json();
              if (!r.ok) { v.error = o.reason; return; }
              v.id = o.sessionId;
              pc.onicecandidate = e => { if (e.candidate && e.candidate.candidate) fetch('/candidate?session=' + o.sessionId
                  + '&mid=' + encodeURIComponent(e.candidate.sdpMid) + '&index=' + e.candidate.sdpMLineIndex,
                  {method: 'POST', body: e.candidate.candidate}); };
              await pc.setRemoteDescription({type: 'offer', sdp: o.sdp});
              const answer = await pc.createAnswer();
              await pc.setLocalDescription(answer);
              await fetch('/answer?session=' + o.sessionId, {method: 'POST', body: answer.sdp});
              (async () => { while (!v.ended) { const q = await fetch('/events?session=' + encodeURIComponent(o.sessionId));
                for (const e of await q.json()) { if (e.type === 'candidate') await pc.addIceCandidate({candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex});
                  if (e.type === 'ended') v.ended = e.reason; } } })();
            }
            async function viewerStats() {
              for (const v of viewers) { if (!v.pc) continue; const stats = await v.pc.getStats();
                stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') { v.framesDecoded = s.framesDecoded || 0; v.framesDropped = s.framesDropped || 0;
                  v.framesReceived = s.framesReceived || 0; v.width = s.frameWidth; v.height = s.frameHeight; } }); }
            }
            setInterval(viewerStats, 250);
            </script></body></html>
            """;
}
