package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code Browser} is responsible for driving a real headless Chromium through chromedriver's W3C WebDriver
 * protocol (no Selenium): open a page, run JavaScript, read back numbers and strings, quit.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public Browser(int driverPort) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + driverPort, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + driverPort;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (get("/status").contains("\"ready\":true")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromedriver did not start");
            }
            Thread.sleep(100);
        }
        String args = String.join(",", quoted("--headless=new"), quoted("--no-sandbox"), quoted("--disable-gpu"),
                quoted("--disable-quic"), quoted("--no-first-run"), quoted("--disable-background-networking"),
                quoted("--disable-component-update"), quoted("--disable-sync"),
                quoted("--autoplay-policy=no-user-gesture-required"), quoted("--disable-dev-shm-usage"),
                quoted("--user-data-dir=" + profile.resolve("data")));
        String created = post("/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"binary\":\"" + CHROMIUM + "\",\"args\":[" + args + "]}}}}");
        Matcher m = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
        if (!m.find()) {
            throw new IllegalStateException("chromedriver made no session: " + created);
        }
        session = "/session/" + m.group(1);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    /**
     * CPU time (user + system) used so far by the browser: chromedriver and every Chromium process under it that
     * is still running (a benchmark takes the difference over a window, in which no process should end).
     */
    public Duration cpuTime() {
        Duration total = driver.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle p : driver.descendants().toList()) {
            total = total.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    public void open(String url) throws Exception {
        post(session + "/url", "{\"url\":\"" + url + "\"}");
    }

    /** Runs {@code js} (a function body that may {@code return}) and gives back the raw {@code value} JSON. */
    public String execute(String js) throws Exception {
        String body = post(session + "/execute/sync", "{\"script\":" + Json.string(js) + ",\"args\":[]}");
        int at = body.indexOf("\"value\":");
        if (at < 0) {
            throw new IllegalStateException("unexpected WebDriver answer: " + body);
        }
        if (body.contains("\"error\":")) {
            throw new IllegalStateException("script failed: " + body);
        }
        String value = body.substring(at + 8).trim();
        return value.substring(0, value.length() - 1).trim(); // drop the closing brace
    }

    public double number(String js) throws Exception {
        String v = execute(js);
        return v.equals("null") ? Double.NaN : Double.parseDouble(v);
    }

    public String text(String js) throws Exception {
        String v = execute(js);
        return v.equals("null") ? null : Json.unquote(v);
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + session)).DELETE().timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // the driver goes anyway
        }
        driver.destroy();
        if (!driver.waitFor(5, TimeUnit.SECONDS)) {
            driver.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
