package org.giggityflix.peer.edge.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code WebRtcServerSettings} is responsible for the unary WebRTC server's settings as checked values: off unless
 * asked, loopback unless the owner opens it, TLS only with both a certificate and its key; what was corrected is
 * reported in {@link #warnings()}.
 *
 * @param enabled     the server runs
 * @param address     the address it listens on
 * @param port        its port (0: any free one, for tests)
 * @param certPath    server certificate chain (PEM), with {@code keyPath}: TLS
 * @param keyPath     server key (PEM PKCS#8)
 * @param clientCaPath CA whose client certificates alone are served (TLS only)
 * @param warnings    what was corrected, in words
 */
record WebRtcServerSettings(boolean enabled, String address, int port, Optional<Path> certPath,
                            Optional<Path> keyPath, Optional<Path> clientCaPath, List<String> warnings) {

    /** The metatype's defaults ({@link WebRtcServerConfig}), also used where a value is unusable. */
    static final int DEFAULT_PORT = 50052;
    static final String DEFAULT_ADDRESS = "127.0.0.1";

    WebRtcServerSettings {
        warnings = List.copyOf(warnings);
    }

    /** Off, as a first start has it. */
    static WebRtcServerSettings off() {
        return new WebRtcServerSettings(false, DEFAULT_ADDRESS, DEFAULT_PORT, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** A plaintext server on loopback, on {@code port} (0: any free port). */
    static WebRtcServerSettings loopback(int port) {
        return new WebRtcServerSettings(true, DEFAULT_ADDRESS, port, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    static WebRtcServerSettings from(WebRtcServerConfig config) {
        List<String> warnings = new ArrayList<>();
        boolean enabled = config.enabled();
        String address = config.address() == null || config.address().isBlank()
                ? DEFAULT_ADDRESS : config.address().trim();
        int port = config.port();
        if (port < 1 || port > 65535) {
            warnings.add("port " + port + " is not a port; using " + DEFAULT_PORT);
            port = DEFAULT_PORT;
        }
        Optional<Path> cert = path(config.certPath());
        Optional<Path> key = path(config.keyPath());
        Optional<Path> clientCa = path(config.clientCaPath());
        if (cert.isPresent() != key.isPresent()) {
            warnings.add("the WebRTC server needs both certPath and keyPath for TLS; it stays off rather than serve"
                    + " plaintext");
            enabled = false;
        }
        if (clientCa.isPresent() && cert.isEmpty()) {
            warnings.add("clientCaPath needs TLS (a server certificate and key); it is ignored");
            clientCa = Optional.empty();
        }
        return new WebRtcServerSettings(enabled, address, port, cert, key, clientCa, warnings);
    }

    /** TLS on: both the certificate and its key are given. */
    boolean tls() {
        return certPath.isPresent() && keyPath.isPresent();
    }

    /** True when the address is a loopback one (the only place plaintext is fit for). */
    boolean loopback() {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
