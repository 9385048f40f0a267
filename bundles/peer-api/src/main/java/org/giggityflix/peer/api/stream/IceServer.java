package org.giggityflix.peer.api.stream;

import java.util.List;
import java.util.Optional;

/**
 * One STUN or TURN server as a WebRTC peer connection takes it.
 *
 * @param urls       e.g. {@code stun:stun.example.org:3478}, {@code turn:turn.example.org:3478?transport=udp}
 * @param username   TURN user name
 * @param credential TURN password
 */
public record IceServer(List<String> urls, Optional<String> username, Optional<String> credential) {

    public IceServer {
        urls = List.copyOf(urls);
    }
}
