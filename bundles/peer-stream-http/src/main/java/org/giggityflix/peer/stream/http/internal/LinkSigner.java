package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code LinkSigner} is responsible for short-lived signed links: an HMAC-SHA256 over the luid and the expiry with
 * a secret made once and kept in DATA_DIR (owner-only permissions), checked in constant time. A link cannot be
 * stretched (the expiry is signed) or moved to another file (so is the luid); a subtitle link signs the stream
 * index too.
 */
final class LinkSigner {

    /** What a presented link is worth. */
    enum Verdict { VALID, EXPIRED, FORGED }

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SECRET_BYTES = 32;

    private final byte[] secret;

    LinkSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a link secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** The secret in {@code dataDir}, made (random, rw-------) the first time. */
    static LinkSigner load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(HttpStreamConstants.KEY_FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                // Another start made it first: use that one.
            } catch (UnsupportedOperationException e) {
                Files.write(file, Base64.getEncoder().encode(fresh));
            }
        }
        byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        return new LinkSigner(secret);
    }

    /** The signature of {@code luid} until {@code expiry} (epoch seconds), URL-safe base64. */
    String sign(long luid, long expiry) {
        return mac(luid + ":" + expiry);
    }

    /**
     * The signature of subtitle stream {@code stream} of {@code luid} until {@code expiry}: a message of its own, so
     * neither a file's signature opens its subtitles nor one stream's signature another stream.
     */
    String sign(long luid, int stream, long expiry) {
        return mac(luid + ":subtitles/" + stream + ":" + expiry);
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} opens {@code luid} until {@code expiry}, judged at {@code now}. */
    Verdict verify(long luid, long expiry, String signature, Instant now) {
        return judge(signature == null || signature.isEmpty() ? null : sign(luid, expiry), signature, expiry, now);
    }

    /** Whether {@code signature} opens subtitle stream {@code stream} of {@code luid} until {@code expiry}. */
    Verdict verify(long luid, int stream, long expiry, String signature, Instant now) {
        return judge(signature == null || signature.isEmpty() ? null : sign(luid, stream, expiry), signature, expiry,
                now);
    }

    private static Verdict judge(String expected, String signature, long expiry, Instant now) {
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        return now.getEpochSecond() > expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** A path that serves {@code luid} until {@code expiry}. */
    String path(long luid, long expiry) {
        return HttpStreamConstants.STREAM_PATH + "/" + luid + "?exp=" + expiry + "&sig=" + sign(luid, expiry);
    }

    /** A path that serves subtitle stream {@code stream} of {@code luid} as WebVTT until {@code expiry}. */
    String subtitlePath(long luid, int stream, long expiry) {
        return HttpStreamConstants.STREAM_PATH + "/" + luid + HttpStreamConstants.SUBTITLES + stream + ".vtt?exp="
                + expiry + "&sig=" + sign(luid, stream, expiry);
    }
}
