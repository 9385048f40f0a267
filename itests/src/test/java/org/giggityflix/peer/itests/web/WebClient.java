package org.giggityflix.peer.itests.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.testsupport.Json;

/**
 * {@code WebClient} is responsible for talking HTTP to the peer's web UI as a browser-less owner would: one session
 * cookie, the CSRF token from sign-in, JSON in and out; and for raw requests from another loopback address.
 */
final class WebClient {

    /** One answer: status, headers, body text. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        Map<String, Object> json() {
            return Json.object(body);
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String cookie;
    private String csrf;

    WebClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    String csrf() {
        return csrf;
    }

    String cookie() {
        return cookie;
    }

    Reply signIn(String user, String password) {
        Reply r = send("POST", "/api/v1/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                Map.of());
        if (r.status() == 200) {
            String setCookie = r.header("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = (String) r.json().get("csrfToken");
        }
        return r;
    }

    void forget() {
        cookie = null;
        csrf = null;
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of("Accept", "application/json"));
    }

    /** A state change with this session's CSRF token. */
    Reply post(String path, String json) {
        return send("POST", path, json, csrf == null ? Map.of() : Map.of("X-CSRF-Token", csrf));
    }

    Reply put(String path, String json) {
        return send("PUT", path, json, csrf == null ? Map.of() : Map.of("X-CSRF-Token", csrf));
    }

    Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().map(), new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    byte[] bytes(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + new String(r.body()));
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Sends {@code request} (raw HTTP/1.1, the path exactly as written) from the loopback address {@code from}
     * and returns the status line's code and the rest. Used where java.net.http would normalise or refuse.
     */
    static Reply raw(int port, String from, String request) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole (oversized) body was written
            }
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new Reply(status, Map.of(), split < 0 ? "" : text.substring(split + 4));
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }
}
