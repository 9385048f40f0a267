package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.json.Json;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code JsonReplies} is responsible for how the player's and the signaling servlets answer: a JSON body in UTF-8 with
 * its length, never cached, and the one shape of a refusal, {@code {"reason": "NO_SUCH_MEDIA", "message": "…"}}.
 */
final class JsonReplies {

    private JsonReplies() {
    }

    /** A refusal's body: a reason code for the page and a message for people. */
    static String error(String reason, String message) {
        return Json.createObjectBuilder().add("reason", reason).add("message", JsonValues.of(message)).build()
                .toString();
    }

    /** Sends {@code body} (JSON) with {@code status}. */
    static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
