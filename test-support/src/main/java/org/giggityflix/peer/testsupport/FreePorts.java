package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code FreePorts} is responsible for the TCP ports a test gives to a server it cannot start on port 0 itself
 * (a Karaf container configured before it boots, a script's environment, chromedriver): ports the kernel says are
 * free on every local address right now, distinct from each other and from those the caller already holds.
 *
 * <p>A port is free when this returns; a test hands it over at once. Where the server reports a bind failure
 * (chromedriver does), the caller retries with another port; a server that can listen on port 0 and say where
 * (a JDK {@code HttpServer}, the test Edge) needs none of this.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** One free port. */
    public static int take() {
        return take(1, List.of()).get(0);
    }

    /** {@code count} distinct free ports, none of them in {@code taken}. */
    public static List<Integer> take(int count, Collection<Integer> taken) {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int attempt = 0; ports.size() < count; attempt++) {
                if (attempt > count + ATTEMPTS) {
                    throw new IllegalStateException("no " + count + " free ports after " + attempt + " attempts");
                }
                // Held open until all are chosen, so the kernel cannot hand the same port out twice.
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                int port = socket.getLocalPort();
                if (!taken.contains(port) && !ports.contains(port)) {
                    ports.add(port);
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket that never accepted does not fail in practice
                }
            }
        }
    }
}
