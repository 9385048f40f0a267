package org.giggityflix.peer.edge.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code EdgeSettings} is responsible for the Edge link's settings as checked values: a bad value is replaced by
 * the nearest sensible one and reported in {@link #warnings()}, never a reason to stop.
 *
 * @param host                  Edge host
 * @param port                  Edge port
 * @param reconnectInterval     first back-off
 * @param maxReconnectAttempts  attempts before GAVE_UP
 * @param heartbeatInterval     time between heartbeats
 * @param timeout               connect timeout
 * @param useTls                TLS on
 * @param certPath              trusted CA/cert (PEM)
 * @param clientCertPath        client certificate for mutual TLS
 * @param clientKeyPath         client key for mutual TLS
 * @param allowDelete           Edge deletes allowed
 * @param trashRetentionDays    days in trash
 * @param maxConcurrentRequests request workers
 * @param uploadHosts           {@code host} or {@code host:port} besides the Edge's own host and port that
 *                              screenshot uploads may go to (lower case)
 * @param uploadAllowHttp       screenshot uploads may use plain http to an address off this machine
 * @param trashMaxPercent       the trash's cap, in percent of its drive
 * @param warnings              what was corrected, in words
 */
record EdgeSettings(String host, int port, Duration reconnectInterval, int maxReconnectAttempts,
                    Duration heartbeatInterval, Duration timeout, boolean useTls, Optional<Path> certPath,
                    Optional<Path> clientCertPath, Optional<Path> clientKeyPath, boolean allowDelete,
                    int trashRetentionDays, int maxConcurrentRequests, Set<String> uploadHosts,
                    boolean uploadAllowHttp, int trashMaxPercent, List<String> warnings) {

    EdgeSettings {
        uploadHosts = Set.copyOf(uploadHosts);
        warnings = List.copyOf(warnings);
    }

    /**
     * What the owner should be told while the link works: it is plaintext to an address off this machine (anyone on
     * the way reads and can change what the Edge asks and the peer answers). Decided without a DNS lookup: only
     * {@code localhost} names and loopback address literals count as this machine.
     */
    Optional<String> plaintextWarning() {
        if (useTls || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("the link to the Edge at " + address() + " is not encrypted (plaintext over the network):"
                + " turn on TLS (GRPC_USE_TLS=true, useTls)");
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false; // a name: not resolved here
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The trash's cap when nothing else is configured: 10 % of its drive. */
    static final int DEFAULT_TRASH_MAX_PERCENT = 10;

    /** {@code host:port}. */
    String address() {
        return host + ":" + port;
    }

    /**
     * Whether {@code other} describes the same link: the same Edge, reached the same way (TLS and certificates),
     * with the same timing. What differs besides (deletes, trash, upload hosts, concurrent requests) applies to a
     * running link without reconnecting.
     */
    boolean sameLink(EdgeSettings other) {
        return host.equals(other.host) && port == other.port && reconnectInterval.equals(other.reconnectInterval)
                && maxReconnectAttempts == other.maxReconnectAttempts
                && heartbeatInterval.equals(other.heartbeatInterval) && timeout.equals(other.timeout)
                && useTls == other.useTls && certPath.equals(other.certPath)
                && clientCertPath.equals(other.clientCertPath) && clientKeyPath.equals(other.clientKeyPath);
    }

    /** Defaults for {@code address}, as a test or a first start uses them. */
    static EdgeSettings defaults(String address) {
        List<String> warnings = new ArrayList<>();
        HostPort hp = HostPort.parse(address, warnings);
        return new EdgeSettings(hp.host(), hp.port(), Duration.ofSeconds(10), 5, Duration.ofSeconds(30),
                Duration.ofSeconds(5), false, Optional.empty(), Optional.empty(), Optional.empty(), false, 30, 4,
                Set.of(), false, DEFAULT_TRASH_MAX_PERCENT, warnings);
    }

    static EdgeSettings from(EdgeConfig config) {
        List<String> warnings = new ArrayList<>();
        HostPort hp = HostPort.parse(config.edgeAddress(), warnings);
        return new EdgeSettings(hp.host(), hp.port(),
                Duration.ofSeconds(atLeast("reconnectIntervalSec", config.reconnectIntervalSec(), 1, warnings)),
                atLeast("maxReconnectAttempts", config.maxReconnectAttempts(), 0, warnings),
                Duration.ofSeconds(between("heartbeatIntervalSec", config.heartbeatIntervalSec(), 1, 110, warnings)),
                Duration.ofSeconds(atLeast("timeoutSec", config.timeoutSec(), 1, warnings)),
                config.useTls(), path(config.certPath()), path(config.clientCertPath()), path(config.clientKeyPath()),
                config.allowDelete(), atLeast("trashRetentionDays", config.trashRetentionDays(), 0, warnings),
                between("maxConcurrentRequests", config.maxConcurrentRequests(), 1, 64, warnings),
                hosts(config.uploadAllowedHosts()), config.uploadAllowHttp(),
                between("trashMaxPercent", config.trashMaxPercent(), 1, 100, warnings), warnings);
    }

    EdgeSettings withAddress(String address) {
        List<String> all = new ArrayList<>(warnings);
        HostPort hp = HostPort.parse(address, all);
        return new EdgeSettings(hp.host(), hp.port(), reconnectInterval, maxReconnectAttempts, heartbeatInterval,
                timeout, useTls, certPath, clientCertPath, clientKeyPath, allowDelete, trashRetentionDays,
                maxConcurrentRequests, uploadHosts, uploadAllowHttp, trashMaxPercent, all);
    }

    EdgeSettings withReconnect(Duration interval, int attempts) {
        return new EdgeSettings(host, port, interval, attempts, heartbeatInterval, timeout, useTls, certPath,
                clientCertPath, clientKeyPath, allowDelete, trashRetentionDays, maxConcurrentRequests, uploadHosts,
                uploadAllowHttp, trashMaxPercent, warnings);
    }

    EdgeSettings withHeartbeat(Duration interval) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, interval, timeout, useTls,
                certPath, clientCertPath, clientKeyPath, allowDelete, trashRetentionDays, maxConcurrentRequests,
                uploadHosts, uploadAllowHttp, trashMaxPercent, warnings);
    }

    EdgeSettings withAllowDelete(boolean allow) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, heartbeatInterval, timeout,
                useTls, certPath, clientCertPath, clientKeyPath, allow, trashRetentionDays, maxConcurrentRequests,
                uploadHosts, uploadAllowHttp, trashMaxPercent, warnings);
    }

    EdgeSettings withTls(Optional<Path> trusted) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, heartbeatInterval, timeout,
                true, trusted, clientCertPath, clientKeyPath, allowDelete, trashRetentionDays, maxConcurrentRequests,
                uploadHosts, uploadAllowHttp, trashMaxPercent, warnings);
    }

    private static int atLeast(String name, int value, int min, List<String> warnings) {
        return between(name, value, min, Integer.MAX_VALUE, warnings);
    }

    private static int between(String name, int value, int min, int max, List<String> warnings) {
        int fixed = Math.max(min, Math.min(max, value));
        if (fixed != value) {
            warnings.add(name + "=" + value + " is out of range [" + min + ", " + max + "]; using " + fixed);
        }
        return fixed;
    }

    EdgeSettings withClientCertificate(Path certificate, Path key) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, heartbeatInterval, timeout,
                useTls, certPath, Optional.of(certificate), Optional.of(key), allowDelete, trashRetentionDays,
                maxConcurrentRequests, uploadHosts, uploadAllowHttp, trashMaxPercent, warnings);
    }

    EdgeSettings withUploadHosts(Set<String> hosts) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, heartbeatInterval, timeout,
                useTls, certPath, clientCertPath, clientKeyPath, allowDelete, trashRetentionDays, maxConcurrentRequests,
                hosts, uploadAllowHttp, trashMaxPercent, warnings);
    }

    EdgeSettings withUploadAllowHttp(boolean allow) {
        return new EdgeSettings(host, port, reconnectInterval, maxReconnectAttempts, heartbeatInterval, timeout,
                useTls, certPath, clientCertPath, clientKeyPath, allowDelete, trashRetentionDays, maxConcurrentRequests,
                uploadHosts, allow, trashMaxPercent, warnings);
    }

    private static Set<String> hosts(String commaList) {
        return Arrays.stream(commaList == null ? new String[0] : commaList.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }

    /** A parsed {@code host:port}. */
    record HostPort(String host, int port) {

        private static final int DEFAULT_PORT = 50051;

        static HostPort parse(String address, List<String> warnings) {
            String value = address == null ? "" : address.trim();
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? value : value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                warnings.add("edgeAddress '" + value + "' has no host; using localhost");
                host = "localhost";
            }
            return new HostPort(host, port(value, colon, warnings));
        }

        private static int port(String value, int colon, List<String> warnings) {
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (colon >= 0 && port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            warnings.add("edgeAddress '" + value + "' has no valid port; using " + DEFAULT_PORT);
            return DEFAULT_PORT;
        }
    }
}
