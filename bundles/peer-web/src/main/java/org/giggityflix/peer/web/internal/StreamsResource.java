package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code StreamsResource} is responsible for {@code GET streams} (every transport's running sessions, with what a
 * measured session sends) and {@code POST streams/{transport}/{id}/stop}.
 */
final class StreamsResource {

    private final Backend backend;

    StreamsResource(Backend backend) {
        this.backend = backend;
    }

    ApiResponse handle(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1 && ApiSupport.reads(r)) {
            return streams();
        }
        if (n == 4 && r.method().equals("POST") && r.segment(3).equals("stop")) {
            return stopStream(r.segment(1), r.segment(2));
        }
        return ApiSupport.notFound();
    }

    private ApiResponse streams() {
        List<Map<String, Object>> transports = new ArrayList<>();
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (StreamingTransport t : backend.transports()) {
            List<StreamSession> ofT = sessionsOf(t);
            transports.add(Json.obj("name", t.name(), "sessions", ofT.size()));
            ofT.forEach(s -> sessions.add(Json.obj("id", s.id(), "transport", s.transport(), "luid", s.luid(),
                    "started", s.started(), "state", s.state(), "stats", StreamFigures.json(s.stats()))));
        }
        return ApiResponse.ok(Json.obj("transports", transports, "sessions", sessions));
    }

    /** A transport's sessions; none when it is going away mid-call. */
    static List<StreamSession> sessionsOf(StreamingTransport t) {
        try {
            return t.sessions();
        } catch (RuntimeException e) {
            return List.of(); // a transport going away mid-call
        }
    }

    private ApiResponse stopStream(String transport, String id) {
        if (RequestGuard.unsafeName(transport) || RequestGuard.unsafeName(id)) {
            throw new ApiSupport.BadRequest("Not a transport or session id.");
        }
        for (StreamingTransport t : backend.transports()) {
            if (t.name().equals(transport)) {
                return t.stop(id) ? ApiResponse.ok(Json.obj("stopped", id))
                        : ApiResponse.error(404, "No session " + id + " on transport " + transport + ".");
            }
        }
        return ApiResponse.error(404, "No transport named " + transport + ".");
    }
}
