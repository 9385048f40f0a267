package org.giggityflix.peer.testsupport;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code Browser} is responsible for driving a real headless Chromium through chromedriver's W3C WebDriver
 * protocol (plain HTTP + JSON, no Selenium): open pages, find elements, type, click, run JavaScript and read back
 * its value, wait for a value, take PNG screenshots, measure the browser's CPU time, quit.
 *
 * <p>A failed WebDriver call (a script that throws, an element not found) is an {@link IllegalStateException}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--disable-dev-shm-usage",
            "--window-size=1280,900");
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /** True when Debian's chromium and chromium-driver are installed. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts chromedriver on a port of its own choosing on 127.0.0.1 (it listens on port 0 and says where) and a
     * browser session in a fresh profile.
     */
    public Browser() throws IOException, InterruptedException {
        this(null, 0);
    }

    /**
     * Starts chromedriver and Chromium inside {@code viewerNetwork} (a viewer on another network: everything the
     * browser fetches or streams crosses its link), driven from the host through the namespace's address;
     * chromedriver listens on {@code driverPort} there (the namespace is the test's own: nothing else listens in it,
     * and a namespace that forwards only some ports needs to know this one beforehand), or 0 for any port.
     */
    public static Browser in(NetNamespace viewerNetwork, int driverPort) throws IOException, InterruptedException {
        return new Browser(viewerNetwork, driverPort);
    }

    private Browser(NetNamespace network, int driverPort) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("chromium-profile");
        Path log = profile.resolve("chromedriver.log");
        List<String> command = List.of(CHROMEDRIVER.toString(), "--port=" + driverPort,
                "--allowed-ips=" + (network == null ? "127.0.0.1" : network.controllerAddress()));
        driver = new ProcessBuilder(network == null ? command : network.command(command.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int port = -1;
        while (port < 0) {
            port = listeningPort(log);
            if (port < 0 && (System.nanoTime() > deadline || !driver.isAlive())) {
                stop();
                throw new IOException("chromedriver did not say which port it listens on: " + readQuietly(log));
            }
            Thread.sleep(50);
        }
        base = "http://" + (network == null ? "127.0.0.1" : network.insideAddress()) + ":" + port;
        while (true) {
            RuntimeException notYet = null;
            try {
                Object status = call("GET", "/status", null);
                if (status instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("ready"))) {
                    break;
                }
            } catch (RuntimeException e) {
                notYet = e; // not listening yet
            }
            if (System.nanoTime() > deadline || !driver.isAlive()) {
                stop();
                throw new IOException("chromedriver did not get ready on port " + port, notYet);
            }
            Thread.sleep(100);
        }
        String args = Stream.concat(ARGS.stream(), Stream.of("--user-data-dir=" + profile.resolve("data")))
                .map(Json::string).collect(Collectors.joining(","));
        Object created;
        try {
            created = call("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                    + "\"goog:chromeOptions\":{\"binary\":" + Json.string(CHROMIUM.toString()) + ",\"args\":[" + args
                    + "]}}}}");
        } catch (IllegalStateException e) {
            stop();
            throw e;
        }
        session = "/session/" + ((Map<?, ?>) created).get("sessionId");
    }

    /** The port chromedriver reported ("ChromeDriver was started successfully on port N."), or -1 before that. */
    private static int listeningPort(Path log) {
        Matcher m = STARTED.matcher(readQuietly(log));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** One WebDriver command: its {@code value}, parsed; any answer but 200 fails. */
    private Object call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " -> " + r.statusCode() + " "
                        + r.body());
            }
            return Json.object(r.body()).get("value");
        } catch (IOException e) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Object sessionCall(String method, String path, String body) {
        return call(method, session + path, body);
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

    public void open(String url) {
        sessionCall("POST", "/url", "{\"url\":" + Json.string(url) + "}");
    }

    /** The address of the page shown now. */
    public String url() {
        return (String) sessionCall("GET", "/url", null);
    }

    /** The element's WebDriver id, or fails. */
    public String find(String css) {
        Map<?, ?> element = (Map<?, ?>) sessionCall("POST", "/element",
                "{\"using\":\"css selector\",\"value\":" + Json.string(css) + "}");
        return (String) element.values().iterator().next();
    }

    /** Clears the element's value, then types {@code text} into it. */
    public void type(String css, String text) {
        String id = find(css);
        sessionCall("POST", "/element/" + id + "/clear", "{}");
        sessionCall("POST", "/element/" + id + "/value", "{\"text\":" + Json.string(text) + "}");
    }

    public void click(String css) {
        sessionCall("POST", "/element/" + find(css) + "/click", "{}");
    }

    /**
     * Runs {@code js} (a function body that may {@code return}) in the page and gives back what it returned, read as
     * {@link Json#parse} reads it (null when it returned nothing).
     */
    public Object execute(String js) {
        return sessionCall("POST", "/execute/sync", "{\"script\":" + Json.string(js) + ",\"args\":[]}");
    }

    /** What {@code js} returned as a number; NaN when it returned null. */
    public double number(String js) {
        Object v = execute(js);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /** What {@code js} returned as text; null when it returned null. */
    public String text(String js) {
        Object v = execute(js);
        return v == null ? null : v.toString();
    }

    /** The text content of the first element {@code css} selects; null when there is none. */
    public String textOf(String css) {
        return text("var e = document.querySelector(" + Json.string(css) + "); return e ? e.textContent : null;");
    }

    /**
     * Runs {@code js} every 100 ms until {@code accept} holds for what it returned, and gives that back; fails after
     * {@code timeout} with the last value (or the last error: a page that is navigating cannot run scripts).
     */
    public Object waitFor(String what, Duration timeout, String js, Predicate<Object> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = execute(js);
                if (accept.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
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
    public void screenshot(Path file) throws IOException {
        String png = (String) sessionCall("GET", "/screenshot", null);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    /** Ends the session, stops chromedriver (and the browser with it) and deletes the profile. */
    @Override
    public void close() {
        try {
            sessionCall("DELETE", "", null);
        } catch (RuntimeException e) {
            // the browser may already be gone; the driver goes anyway
        }
        stop();
    }

    private void stop() {
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
