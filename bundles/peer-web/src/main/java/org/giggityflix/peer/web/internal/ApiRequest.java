package org.giggityflix.peer.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.web.internal.SessionStore.Session;

/**
 * {@code ApiRequest} is responsible for one API call as the handlers see it, free of the servlet API.
 *
 * @param method   upper-case HTTP method
 * @param segments the path after {@code /api/v1/}, split on '/', already checked for traversal
 * @param query    decoded query parameters (first value of each)
 * @param body     the request body (bounded), empty for none
 * @param session  the signed-in session, empty for anonymous read-only or public requests
 * @param address  the client's IP address
 * @param secure   whether the request came over HTTPS
 * @param token    the API token of a bearer request (a script's: no session then)
 */
record ApiRequest(String method, List<String> segments, Map<String, String> query, String body,
                  Optional<Session> session, String address, boolean secure, Optional<ApiToken> token) {

    /** A request without an API token. */
    ApiRequest(String method, List<String> segments, Map<String, String> query, String body,
               Optional<Session> session, String address, boolean secure) {
        this(method, segments, query, body, session, address, secure, Optional.empty());
    }

    String segment(int i) {
        return i < segments.size() ? segments.get(i) : null;
    }

    Optional<String> param(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
