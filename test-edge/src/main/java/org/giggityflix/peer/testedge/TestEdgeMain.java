package org.giggityflix.peer.testedge;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.giggityflix.peer.proto.PeerMessage;

/**
 * {@code TestEdgeMain} is responsible for running the test Edge by hand: it listens on a port and reads simple
 * commands from standard input to send requests to a connected peer, printing what the peer answers.
 *
 * <pre>java -jar test-edge/target/test-edge-0.1.0-SNAPSHOT-standalone.jar [--bench] [port [cert.pem key.pem]]</pre>
 * With a certificate and a PKCS#8 key (PEM) it speaks only TLS. {@code --bench} (plaintext only) is for benchmarks: it
 * first answers 100,000 offered files of its own, so a peer measured against it meets a compiled Edge (the "listening"
 * line is printed after that), and it keeps no offers ({@code offered} then lists none).
 */
public final class TestEdgeMain {

    private static final String HELP = String.join("\n",
            "commands (peer = the peer_id it connected with):",
            "  peers | offered | received",
            "  announce <peer>",
            "  hash <peer> <catalogId> <type>[,<type>...]",
            "  delete <peer> <catalogId>...",
            "  remap <peer> <oldCatalogId> <newCatalogId>",
            "  screenshot <peer> <catalogId> <quantity> <uploadEndpoint> <token>",
            "  drop <peer> | quit");

    private TestEdgeMain() {
    }

    public static void main(String[] options) throws Exception {
        boolean bench = Arrays.asList(options).contains("--bench");
        String[] args = Arrays.stream(options).filter(a -> !a.equals("--bench")).toArray(String[]::new);
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 50051;
        try (TestEdge edge = args.length > 2
                ? TestEdge.startTls(port, new TestCertificate(Path.of(args[1]), Path.of(args[2])))
                : TestEdge.start(port)) {
            if (bench && args.length <= 2) {
                edge.recordOffers(false);
                WarmUp.run(edge, 40, 2_500);
            }
            System.out.println("test Edge listening on " + edge.address() + "\n" + HELP);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
                if (!line.isBlank()) {
                    System.out.println(run(edge, line.trim().split("\\s+")));
                }
            }
            if (line == null) {
                // No console (started in the background): keep serving until killed.
                Thread.currentThread().join();
            }
        }
    }

    private static String run(TestEdge edge, String[] words) {
        try {
            return switch (words[0]) {
                case "peers" -> "accepted " + edge.acceptedStreams() + ", refused " + edge.refusedStreams();
                case "offered" -> edge.offeredFiles().toString();
                case "received" -> edge.received().stream().map(PeerMessage::toString).toList().toString();
                default -> runOnPeer(edge, words);
            };
        } catch (RuntimeException e) {
            return "error: " + e.getMessage() + "\n" + HELP;
        }
    }

    private static String runOnPeer(TestEdge edge, String[] words) {
        Optional<PeerConnection> found = words.length > 1 ? edge.peer(words[1]) : Optional.empty();
        if (found.isEmpty()) {
            return "no such connected peer\n" + HELP;
        }
        PeerConnection peer = found.get();
        String[] rest = Arrays.copyOfRange(words, 2, words.length);
        String requestId = switch (words[0]) {
            case "announce" -> peer.announce();
            case "hash" -> peer.hash(rest[0], rest[1].split(","));
            case "delete" -> peer.delete(rest);
            case "remap" -> peer.remap(rest[0], rest[1]);
            case "screenshot" -> peer.screenshot(rest[0], Integer.parseInt(rest[1]), rest[2], rest[3]);
            case "drop" -> {
                peer.drop(io.grpc.Status.UNAVAILABLE.withDescription("dropped by the operator"));
                yield "-";
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        };
        return "sent request " + requestId + " (answers are logged as they arrive)";
    }
}
