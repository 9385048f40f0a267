package org.giggityflix.peer.itests.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code Chrome} is responsible for driving a real headless Chromium through chromedriver's W3C WebDriver protocol
 * (plain HTTP + JSON, no Selenium): open pages, find elements, type, click, run a script, take PNG screenshots.
 */
final class Chrome implements AutoCloseable {

    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** True when Debian's chromium and chromium-driver are installed. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
    }

    Chrome(int driverPort) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("peer-web-chromium");
        driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + driverPort)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + driverPort;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                call("GET", "/status", null);
                break;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !driver.isAlive()) {
                    close();
                    throw new IOException("chromedriver did not start on port " + driverPort, e);
                }
                Thread.sleep(100);
            }
        }
        List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        StringBuilder json = new StringBuilder("{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"binary\":\"/usr/bin/chromium\",\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(args.get(i)).append('"');
        }
        json.append("]}}}}");
        Object value;
        try {
            value = call("POST", "/session", json.toString());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        session = (String) ((Map<?, ?>) value).get("sessionId");
    }

    private Object call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Object value = MiniJson.object(r.body()).get("value");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " -> " + r.statusCode() + " "
                        + r.body());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Object sessionCall(String method, String path, String body) {
        return call(method, "/session/" + session + path, body);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    void open(String url) {
        sessionCall("POST", "/url", "{\"url\":" + quote(url) + "}");
    }

    String url() {
        return (String) sessionCall("GET", "/url", null);
    }

    /** The element's WebDriver id, or fails. */
    String find(String css) {
        Map<?, ?> e = (Map<?, ?>) sessionCall("POST", "/element",
                "{\"using\":\"css selector\",\"value\":" + quote(css) + "}");
        return (String) e.values().iterator().next();
    }

    void type(String css, String text) {
        String id = find(css);
        sessionCall("POST", "/element/" + id + "/clear", "{}");
        sessionCall("POST", "/element/" + id + "/value", "{\"text\":" + quote(text) + "}");
    }

    void click(String css) {
        sessionCall("POST", "/element/" + find(css) + "/click", "{}");
    }

    /** Runs {@code script} (a function body; use {@code return}) in the page. */
    Object script(String script) {
        return sessionCall("POST", "/execute/sync", "{\"script\":" + quote(script) + ",\"args\":[]}");
    }

    String text(String css) {
        Object v = script("var e = document.querySelector(" + quote(css) + "); return e ? e.textContent : null;");
        return v == null ? null : v.toString();
    }

    /** Polls {@code script} every 100 ms until {@code accept} holds; fails with the last value. */
    Object waitFor(String what, Duration timeout, String script, Predicate<Object> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = script(script);
                if (accept.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage(); // page navigating
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
    }

    /** Saves a PNG of the window. */
    void screenshot(Path file) throws IOException {
        String png = (String) sessionCall("GET", "/screenshot", null);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                sessionCall("DELETE", "", null);
            }
        } catch (RuntimeException e) {
            // the browser may already be gone
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
