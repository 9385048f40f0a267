package org.giggityflix.peer.api.stream;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code StreamingTransport} is responsible for one way of delivering files to viewers (publish with the
 * service property {@code transport=<name>}). Removing the service ends its sessions.
 */
@ConsumerType
public interface StreamingTransport {

    /** Service property carrying {@link #name()}. */
    String NAME_PROPERTY = "transport";

    /** e.g. {@code webrtc}, {@code http}. */
    String name();

    /** Sessions running now. */
    List<StreamSession> sessions();

    /** Ends a session; false when no such session runs. */
    boolean stop(String sessionId);
}
