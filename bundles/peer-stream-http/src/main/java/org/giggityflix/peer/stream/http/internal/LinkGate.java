package org.giggityflix.peer.stream.http.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongFunction;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code LinkGate} is responsible for deciding what a request for a signed link (a file, or one subtitle stream
 * of it) gets before any byte is read:
 * 400 for a link that is not one, 403 for a forged or expired signature, 404 for an unknown luid, 410 for a file
 * that left the disk, otherwise the file to send.
 */
final class LinkGate {

    /** The decision: a file to send, or a status and a sentence. */
    record Outcome(int status, String message, long luid, Path file, int stream) {
        boolean allowed() {
            return status == 200;
        }
    }

    private final LinkSigner signer;
    private final LongFunction<Optional<MediaFile>> catalog;
    private final Clock clock;

    LinkGate(LinkSigner signer, LongFunction<Optional<MediaFile>> catalog, Clock clock) {
        this.signer = signer;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param pathInfo what follows {@code /stream}: {@code /<luid>} or {@code /<luid>/subtitles/<index>.vtt}
     * @param exp      the {@code exp} parameter
     * @param sig      the {@code sig} parameter
     */
    Outcome check(String pathInfo, String exp, String sig) {
        long luid;
        long expiry;
        int stream = -1;
        try {
            String id = pathInfo == null ? "" : pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
            int sub = id.indexOf(HttpStreamConstants.SUBTITLES);
            if (sub >= 0) {
                String name = id.substring(sub + HttpStreamConstants.SUBTITLES.length());
                if (!name.endsWith(".vtt")) {
                    throw new NumberFormatException(name);
                }
                stream = Integer.parseInt(name.substring(0, name.length() - ".vtt".length()));
                if (stream < 0) {
                    throw new NumberFormatException(name);
                }
                id = id.substring(0, sub);
            }
            luid = Long.parseLong(id);
            expiry = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException e) {
            return refuse(400, "A stream link is /stream/<luid>?exp=<seconds>&sig=<signature>"
                    + " or /stream/<luid>/subtitles/<index>.vtt?exp=<seconds>&sig=<signature>.");
        }
        LinkSigner.Verdict verdict = stream < 0 ? signer.verify(luid, expiry, sig, clock.instant())
                : signer.verify(luid, stream, expiry, sig, clock.instant());
        switch (verdict) {
            case FORGED -> {
                return refuse(403, "This link is not valid.");
            }
            case EXPIRED -> {
                return refuse(403, "This link has expired; ask for a new one.");
            }
            default -> {
            }
        }
        Optional<MediaFile> file = catalog.apply(luid);
        if (file.isEmpty()) {
            return refuse(404, "No such file.");
        }
        if (file.get().status() == MediaStatus.DELETED || !Files.isRegularFile(file.get().path())) {
            return refuse(410, "The file is gone from disk.");
        }
        return new Outcome(200, "", luid, file.get().path(), stream);
    }

    private static Outcome refuse(int status, String message) {
        return new Outcome(status, message, -1, null, -1);
    }
}
