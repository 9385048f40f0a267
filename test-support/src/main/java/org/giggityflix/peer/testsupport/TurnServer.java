package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code TurnServer} is responsible for a real TURN server in a test: Debian's {@code coturn} ({@code turnserver})
 * started inside a {@link NetNamespace}, with long-term credentials, listening for STUN/TURN on UDP and TCP on the
 * given addresses and relaying from {@code relayAddress}, and stopped on {@link #close()}. Its log is kept for a
 * failing test to show. With a certificate and key ({@link #selfSigned}) it also accepts TURN over TLS
 * ({@code turns:}) on the next port.
 */
public final class TurnServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/turnserver");
    public static final String REALM = "giggityflix.test";

    private final Process process;
    private final Path log;
    private final String user;
    private final String password;
    private final int port;
    private final boolean tls;

    /** True when Debian's coturn is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts coturn inside {@code network} on {@code port} of each of {@code listening} (UDP and TCP), relaying from
     * {@code relayAddress}, for {@code user}/{@code password}; returns once it accepts TCP on the first address.
     */
    public TurnServer(NetNamespace network, List<String> listening, String relayAddress, int port, String user,
                      String password) throws IOException, InterruptedException {
        this(network, listening, relayAddress, port, user, password, null, null);
    }

    /**
     * As the other constructor, and TURN over TLS on {@code port + 1} with {@code certificate} and {@code key}
     * (PEM files, e.g. from {@link #selfSigned}).
     */
    public TurnServer(NetNamespace network, List<String> listening, String relayAddress, int port, String user,
                      String password, Path certificate, Path key) throws IOException, InterruptedException {
        this.user = user;
        this.password = password;
        this.port = port;
        this.tls = certificate != null;
        log = Files.createTempFile("coturn", ".log");
        List<String> args = new ArrayList<>(List.of(BINARY.toString(), "-n", "--no-cli", "--no-dtls",
                "--listening-port=" + port, "--relay-ip=" + relayAddress, "--min-port=49160", "--max-port=49400",
                "--lt-cred-mech", "--user=" + user + ":" + password, "--realm=" + REALM, "--fingerprint",
                "--no-multicast-peers", "--log-file=stdout", "--simple-log",
                "--pidfile=" + log.resolveSibling(log.getFileName() + ".pid")));
        if (tls) {
            args.addAll(List.of("--tls-listening-port=" + (port + 1), "--cert=" + certificate, "--pkey=" + key));
        } else {
            args.add("--no-tls");
        }
        listening.forEach(address -> args.add("--listening-ip=" + address));
        process = new ProcessBuilder(network.command(args.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(listening.get(0), port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IOException("coturn did not start listening on " + listening.get(0) + ":" + port
                            + ": " + log());
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * A self-signed certificate for {@code name} and its key, made with the {@code openssl} command in {@code dir}
     * ({@code turn.pem}, {@code turn.key}); returns both paths.
     */
    public static Path[] selfSigned(Path dir, String name) throws IOException {
        Path cert = dir.resolve("turn.pem");
        Path key = dir.resolve("turn.key");
        Commands.Result made = Commands.run(Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey",
                "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name, "-keyout", key.toString(), "-out",
                cert.toString()));
        if (made.exit() != 0) {
            throw new IOException("openssl could not make a certificate: " + made.out());
        }
        return new Path[] {cert, key};
    }

    /** {@code turns:ADDRESS:PORT+1?transport=tcp}: TURN over TLS (only when started with a certificate). */
    public String tlsUrl(String address) {
        if (!tls) {
            throw new IllegalStateException("this TURN server was started without TLS");
        }
        return "turns:" + address + ":" + (port + 1) + "?transport=tcp";
    }

    /** {@code turn:ADDRESS:PORT?transport=udp|tcp}, as an ICE server URL. */
    public String url(String address, String transport) {
        return "turn:" + address + ":" + port + "?transport=" + transport;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** What coturn printed so far (its last 4000 characters). */
    public String log() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
            Files.deleteIfExists(log.resolveSibling(log.getFileName() + ".pid"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
