package org.giggityflix.peer.web.internal;

import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeStatus;

/**
 * {@code EdgeResource} is responsible for {@code GET edge} (the link's state, address, counters and warning) and
 * {@code POST edge/reconnect|disconnect}.
 */
final class EdgeResource {

    private final Backend backend;

    EdgeResource(Backend backend) {
        this.backend = backend;
    }

    ApiResponse handle(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1 && ApiSupport.reads(r)) {
            return edge();
        }
        if (n == 2 && r.method().equals("POST")
                && (r.segment(1).equals("reconnect") || r.segment(1).equals("disconnect"))) {
            return edgeControl(r.segment(1));
        }
        return ApiSupport.notFound();
    }

    private ApiResponse edge() {
        Optional<EdgeLink> edge = backend.edge();
        if (edge.isEmpty()) {
            return ApiSupport.missing("The Edge link");
        }
        return ApiResponse.ok(json(edge.get().status()));
    }

    private ApiResponse edgeControl(String action) {
        Optional<EdgeLink> edge = backend.edge();
        if (edge.isEmpty()) {
            return ApiSupport.missing("The Edge link");
        }
        if (action.equals("reconnect")) {
            edge.get().reconnect();
        } else {
            edge.get().disconnect();
        }
        return ApiResponse.json(202, json(edge.get().status()));
    }

    /** The link's state as the API gives it (here and in {@code GET status}). */
    static Map<String, Object> json(EdgeStatus s) {
        return Json.obj("state", s.state().name(), "address", s.address(), "since", s.since(),
                "lastError", s.lastError(), "attempts", s.attempts(), "warning", s.warning(),
                "counters", Json.obj("messagesIn", s.counters().messagesIn(),
                        "messagesOut", s.counters().messagesOut(), "filesOffered", s.counters().filesOffered(),
                        "filesCataloged", s.counters().filesCataloged(),
                        "requestsRefused", s.counters().requestsRefused()));
    }
}
