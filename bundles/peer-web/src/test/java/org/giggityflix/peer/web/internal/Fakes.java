package org.giggityflix.peer.web.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.testsupport.FixedCatalog;

/** {@code Fakes} is responsible for small in-memory stand-ins of the peer's services for the handler tests. */
final class Fakes {

    private Fakes() {
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static WebConfig config(boolean anonymousLoopback, int failures, int lockoutSeconds) {
        return config(Map.of("anonymousLoopbackReadOnly", anonymousLoopback, "loginFailuresBeforeLockout", failures,
                "lockoutSeconds", lockoutSeconds));
    }

    /** The metatype defaults of {@link WebConfig}, with {@code overrides} by attribute name. */
    static WebConfig config(Map<String, Object> overrides) {
        return (WebConfig) java.lang.reflect.Proxy.newProxyInstance(WebConfig.class.getClassLoader(),
                new Class<?>[] {WebConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return WebConfig.class;
                        case "toString":
                            return "WebConfig" + overrides;
                        case "hashCode":
                            return overrides.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            return overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                                    : method.getDefaultValue();
                    }
                });
    }

    /** Accepts admin/secret (admin role) and viewer/secret (no admin role). */
    static Authenticator authenticator() {
        return (user, password) -> {
            String p = new String(password);
            if (!p.equals("secret")) {
                return Authenticator.Result.refused(Authenticator.Outcome.WRONG_CREDENTIALS, "Wrong user name or password.");
            }
            return switch (user) {
                case "admin" -> Authenticator.Result.ok("admin");
                case "viewer" -> Authenticator.Result.refused(Authenticator.Outcome.NOT_ADMIN, "No admin role.");
                default -> Authenticator.Result.refused(Authenticator.Outcome.WRONG_CREDENTIALS, "Wrong user name or password.");
            };
        };
    }

    static MediaFile file(long luid, String relative, long size, MediaStatus status, Double duration) {
        Path root = Path.of("/media");
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(luid);
        return new MediaFile(luid, Optional.empty(), root.resolve(relative), root, relative, size, t, Optional.empty(),
                status, Optional.empty(),
                Optional.ofNullable(duration).map(d -> new MediaMetadata(d, 1280, 720, "h264", "aac", 1_000_000L, 25.0, "mp4")),
                t, t);
    }

    /** The shared read-only catalog, with an md5 stored for file 1. */
    static final class Catalog extends FixedCatalog {
        Catalog() {
            hashes.put(1L, Map.of("md5", "0123abcd"));
        }
    }

    /** A backend with whatever the test sets. */
    static final class Services implements Backend {
        MediaCatalog catalog;
        MediaScanner scanner;
        PeerIdentity identity;
        EdgeLink edge;
        ScreenshotService screenshots;
        List<StreamingTransport> transports = new ArrayList<>();
        org.giggityflix.peer.api.token.ApiTokens tokens;
        org.giggityflix.peer.api.backup.PeerBackup backup;

        @Override
        public Optional<org.giggityflix.peer.api.token.ApiTokens> tokens() {
            return Optional.ofNullable(tokens);
        }

        @Override
        public Optional<org.giggityflix.peer.api.backup.PeerBackup> backup() {
            return Optional.ofNullable(backup);
        }

        @Override
        public Optional<MediaCatalog> catalog() {
            return Optional.ofNullable(catalog);
        }

        @Override
        public Optional<MediaScanner> scanner() {
            return Optional.ofNullable(scanner);
        }

        @Override
        public Optional<PeerIdentity> identity() {
            return Optional.ofNullable(identity);
        }

        @Override
        public Optional<EdgeLink> edge() {
            return Optional.ofNullable(edge);
        }

        @Override
        public Optional<ScreenshotService> screenshots() {
            return Optional.ofNullable(screenshots);
        }

        @Override
        public List<StreamingTransport> transports() {
            return transports;
        }
    }

    /** One described PID with an int in 1..100, a boolean, a choice and a password; stores what it is given. */
    static final class Config implements ConfigSource {
        final Map<String, Map<String, Object>> stored = new HashMap<>();

        static final Pid PID = new Pid("org.giggityflix.peer.test", "Test", "A test PID", List.of(
                new Field("interval", "Interval", "minutes", FieldType.INTEGER, 0, List.of("10"), List.of(),
                        v -> {
                            int i = Integer.parseInt(v);
                            return i < 1 ? "Value " + v + " is less than the minimum 1."
                                    : i > 100 ? "Value " + v + " is more than the maximum 100." : "";
                        }),
                new Field("enabled", "Enabled", "", FieldType.BOOLEAN, 0, List.of("true"), List.of(), v -> ""),
                new Field("mode", "Mode", "", FieldType.STRING, 0, List.of("fast"),
                        List.of(new Option("fast", "Fast"), new Option("slow", "Slow")), v -> ""),
                new Field("secret", "Secret", "", FieldType.PASSWORD, 0, List.of(), List.of(), v -> "")));

        @Override
        public List<Pid> pids() {
            return List.of(PID);
        }

        @Override
        public Optional<Pid> describe(String pid) {
            return PID.pid().equals(pid) ? Optional.of(PID) : Optional.empty();
        }

        @Override
        public Map<String, Object> values(String pid) {
            return new LinkedHashMap<>(stored.getOrDefault(pid, Map.of()));
        }

        @Override
        public void update(String pid, Map<String, Object> changes) {
            stored.computeIfAbsent(pid, p -> new LinkedHashMap<>()).putAll(changes);
        }
    }

    static final class NoProviders implements Providers {
        @Override
        public List<Map<String, Object>> services() {
            return List.of();
        }

        @Override
        public List<Map<String, Object>> bundles() {
            return List.of();
        }

        @Override
        public Optional<List<Map<String, Object>>> features() {
            return Optional.empty();
        }

        @Override
        public Change change(String feature, boolean install) {
            return new Change(503, "no features service");
        }
    }
}
