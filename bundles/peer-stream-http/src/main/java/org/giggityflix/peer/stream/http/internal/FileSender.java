package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code FileSender} is responsible for writing one file (or one byte range of it) as an HTTP response: status
 * 200/206/416, {@code Content-Type} by extension, {@code Content-Length}, {@code Content-Range},
 * {@code Accept-Ranges}, {@code Last-Modified}, no body for HEAD, stopping when its transfer is stopped.
 * Independent of the servlet API (see {@link Reply}) so it is tested over the JDK's HTTP server too.
 */
final class FileSender {

    /** The response being written. */
    interface Reply {
        void status(int code);

        void header(String name, String value);

        OutputStream body() throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private final Transfers transfers;

    FileSender(Transfers transfers) {
        this.transfers = transfers;
    }

    /** Answers a GET or HEAD for {@code file} (known to exist) with the request's {@code Range} header. */
    void send(long luid, Path file, boolean head, String rangeHeader, Reply reply) throws IOException {
        long length = Files.size(file);
        ByteRange range = ByteRange.parse(rangeHeader, length);
        reply.header("Accept-Ranges", "bytes");
        reply.header("Cache-Control", "private, no-transform");
        reply.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC)));
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            reply.status(416);
            reply.header("Content-Range", "bytes */" + length);
            reply.header("Content-Length", "0");
            return;
        }
        Transfers.Transfer transfer = null;
        if (!head && length > 0) {
            Optional<Transfers.Transfer> began = transfers.begin(luid, range.kind() == ByteRange.Kind.PARTIAL
                    ? "bytes " + range.first() + "-" + range.last() + "/" + length : "whole file (" + length + " bytes)");
            if (began.isEmpty()) {
                reply.status(503);
                reply.header("Retry-After", "5");
                reply.header("Content-Length", "0");
                return;
            }
            transfer = began.get();
        }
        reply.header("Content-Type", ContentTypes.of(file));
        reply.header("Content-Length", Long.toString(Math.max(0, range.count())));
        if (range.kind() == ByteRange.Kind.PARTIAL) {
            reply.status(206);
            reply.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
        } else {
            reply.status(200);
        }
        if (transfer == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(range.first()))) {
            OutputStream out = reply.body();
            byte[] buffer = new byte[CHUNK];
            long left = range.count();
            while (left > 0) {
                if (transfer.stopped) {
                    throw new IOException("transfer " + transfer.id + " was stopped");
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file.getFileName() + " got shorter while being sent");
                }
                out.write(buffer, 0, n);
                left -= n;
                transfer.sent.addAndGet(n);
            }
            out.flush();
        } finally {
            transfers.end(transfer);
        }
    }
}
