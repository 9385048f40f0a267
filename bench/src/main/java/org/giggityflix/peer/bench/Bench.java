package org.giggityflix.peer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Bench} is responsible for running the Java benchmarks named on the command line, in order:
 * {@code scan}, {@code hash}, {@code edge-offer}, {@code edge-hash}. {@code bench/run.sh} calls it; settings come
 * from system properties ({@code bench.dir}, {@code bench.results}, {@code bench.port.*}).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/giggityflix-bench"));
        Files.createDirectories(dir);
        Figures figures = Figures.fromSystemProperties();
        PlatformBench platform = new PlatformBench(dir, figures);
        EdgeBench edge = new EdgeBench(dir, figures, Integer.getInteger("bench.port.edgeOffer", 28051),
                Integer.getInteger("bench.port.edgeHash", 28052));
        for (String part : args.length == 0 ? List.of("scan", "hash", "edge-offer", "edge-hash") : List.of(args)) {
            switch (part) {
                case "scan" -> platform.scan();
                case "hash" -> platform.hash();
                case "edge-offer" -> edge.offer();
                case "edge-hash" -> edge.hashLatency();
                default -> throw new IllegalArgumentException("unknown benchmark '" + part
                        + "' (scan, hash, edge-offer, edge-hash)");
            }
        }
        // gRPC and the catalogs leave non-daemon threads only until closed; exit explicitly all the same.
        System.exit(0);
    }
}
