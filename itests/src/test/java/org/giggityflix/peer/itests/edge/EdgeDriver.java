package org.giggityflix.peer.itests.edge;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.google.protobuf.TextFormat;

import org.giggityflix.peer.proto.FileInfo;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;

/**
 * {@code EdgeDriver} is responsible for running the real test Edge in a process of its own, as an Edge runs in
 * production, and for answering a test's commands on stdin with exactly one line each on stdout.
 *
 * <p>Runs with {@code java -cp <test-edge standalone jar>:<itests test-classes> ...EdgeDriver <port>}; the test
 * inside Karaf talks to it through {@link EdgeProcess}. Commands (peer = the peer id it connected with):
 * <pre>
 * await-peer P SECONDS            ok | error ...
 * await-offered N SECONDS         ok N (files offered so far, at least N)
 * offered                         offered path1|path2|... (every FileInfo offered, in order, duplicates kept)
 * catalog-id P PATH               the id this Edge gave P's PATH
 * accepted                        accepted N (streams admitted so far)
 * seed P PATH...                  ok (PATHs get cat-1, cat-2, ... as a previous run of the Edge gave them)
 * received                        received &lt;every message from peers, protobuf text, " ;; " between&gt;
 * announce P | hash P ID T1,T2 | delete P ID... | remap P OLD NEW
 *                                 response &lt;the peer's answer, protobuf text on one line&gt;
 * responses N P CMD...            like the above, waiting for N answers (deletes answer once per id)
 * webrtc-page PORT                ok P (a viewer page on 127.0.0.1:P relaying WebRTC signaling, EdgeSignalingPage;
 *                                 PORT 0: any free port P)
 * webrtc-move                     ok N (the relayed viewers' network changes: N relays cut, EdgeSignalingPage.move)
 * </pre>
 */
public final class EdgeDriver {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private EdgeDriver() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<EdgeSignalingPage> pages = new ArrayList<>();
        try (TestEdge edge = TestEdge.start(port)) {
            System.out.println("ready " + edge.address());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                String answer;
                try {
                    answer = run(edge, pages, line.trim().split("\\s+"));
                } catch (Exception e) {
                    answer = "error " + e;
                }
                System.out.println(answer.replace('\n', ' '));
                System.out.flush();
            }
        }
        System.exit(0); // a viewer page's HTTP server must not keep the process alive
    }

    private static String run(TestEdge edge, List<EdgeSignalingPage> pages, String[] w) throws Exception {
        return switch (w[0]) {
            case "await-peer" -> {
                edge.awaitPeer(w[1], Duration.ofSeconds(Long.parseLong(w[2])));
                yield "ok";
            }
            case "await-offered" -> "ok " + edge.awaitOffered(Integer.parseInt(w[1]),
                    Duration.ofSeconds(Long.parseLong(w[2]))).size();
            case "offered" -> "offered " + edge.offeredFiles().stream().map(FileInfo::getRelativePath)
                    .collect(Collectors.joining("|"));
            case "catalog-id" -> edge.catalogIdFor(w[1], String.join(" ", Arrays.copyOfRange(w, 2, w.length)));
            case "accepted" -> "accepted " + edge.acceptedStreams();
            case "webrtc-page" -> {
                EdgeSignalingPage page = new EdgeSignalingPage(edge, Integer.parseInt(w[1]));
                pages.add(page); // lives as long as this process
                yield "ok " + page.port();
            }
            case "webrtc-move" -> "ok " + pages.stream().mapToInt(EdgeSignalingPage::move).sum();
            case "seed" -> {
                // An Edge keeps its catalog across restarts: give P's paths the ids, in order, a previous run of
                // this Edge gave them (cat-1, cat-2, ...), so new files get new ids.
                for (String path : Arrays.copyOfRange(w, 2, w.length)) {
                    edge.catalogIdFor(w[1], path);
                }
                yield "ok";
            }
            case "received" -> "received " + edge.received().stream().map(TextFormat::shortDebugString)
                    .collect(Collectors.joining(" ;; "));
            case "responses" -> {
                int count = Integer.parseInt(w[1]);
                PeerConnection peer = edge.awaitPeer(w[2], ANSWER_TIMEOUT);
                // "responses N P CMD ARGS..." sends "CMD P ARGS...".
                String[] command = new String[w.length - 2];
                command[0] = w[3];
                command[1] = w[2];
                System.arraycopy(w, 4, command, 2, w.length - 4);
                String id = send(peer, command);
                List<PeerMessage> answers = peer.awaitResponses(id, count, ANSWER_TIMEOUT);
                yield "response " + answers.stream().map(TextFormat::shortDebugString)
                        .collect(Collectors.joining(" ;; "));
            }
            default -> {
                PeerConnection peer = edge.awaitPeer(w[1], ANSWER_TIMEOUT);
                String id = send(peer, w);
                yield "response " + TextFormat.shortDebugString(peer.awaitResponse(id, ANSWER_TIMEOUT));
            }
        };
    }

    private static String send(PeerConnection peer, String[] w) {
        String[] rest = Arrays.copyOfRange(w, 2, w.length);
        return switch (w[0]) {
            case "announce" -> peer.announce();
            case "hash" -> peer.hash(rest[0], rest[1].split(","));
            case "delete" -> peer.delete(rest);
            case "remap" -> peer.remap(rest[0], rest[1]);
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }
}
