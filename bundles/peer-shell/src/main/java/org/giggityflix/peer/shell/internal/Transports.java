package org.giggityflix.peer.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code Transports} is responsible for what the {@code peer:stream-*} commands share: the installed streaming
 * transports, or the failure that says how to install one.
 */
final class Transports {

    static final String NO_TRANSPORT =
            "No streaming transport is installed: feature:install peer-stream-webrtc (or peer-stream-http).";

    private Transports() {
    }

    /** A copy of {@code transports} (the shell's list changes as transports come and go), never empty. */
    static List<StreamingTransport> installed(List<StreamingTransport> transports) throws CommandException {
        List<StreamingTransport> installed = transports == null ? List.of() : new ArrayList<>(transports);
        if (installed.isEmpty()) {
            throw Messages.failure(NO_TRANSPORT);
        }
        return installed;
    }
}
