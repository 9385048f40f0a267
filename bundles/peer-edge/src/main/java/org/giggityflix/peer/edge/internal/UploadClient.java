package org.giggityflix.peer.edge.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code UploadClient} is responsible for one HTTP/1.1 POST to an {@link UploadPolicy.Target}: it connects to the
 * addresses the policy checked (never resolving the name again), speaks TLS with the host name checked against the
 * certificate (and sent as SNI) for https, and returns the status code. It follows no redirect: a 3xx is just a code.
 */
final class UploadClient {

    private static final int MAX_STATUS_LINE = 8192;

    private final SSLContext tls;

    /** @param tls the trust for https endpoints (the JDK's default trust store in the peer) */
    UploadClient(SSLContext tls) {
        this.tls = tls;
    }

    /**
     * Posts {@code body}; the timeout bounds the connection and each read.
     *
     * @throws java.net.SocketTimeoutException when the endpoint does not answer in time
     * @throws IOException                     when no checked address could be reached or the exchange broke
     */
    int post(UploadPolicy.Target target, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!isHeaderValue(header.getValue())) {
                throw new IllegalArgumentException("the " + header.getKey() + " header holds control characters");
            }
        }
        try (Socket socket = connect(target, timeout)) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder().append("POST ").append(path(target)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader(target)).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return status(socket.getInputStream());
        }
    }

    /** A value that cannot end its header line early (no CR, LF or other control character). */
    static boolean isHeaderValue(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    }

    private Socket connect(UploadPolicy.Target target, Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            Socket raw = new Socket();
            try {
                raw.connect(new InetSocketAddress(address, target.port()),
                        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return target.tls() ? secure(raw, target) : raw;
            } catch (IOException e) {
                raw.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private Socket secure(Socket raw, UploadPolicy.Target target) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(target.host())) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String path(UploadPolicy.Target target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/" : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
    }

    private static String hostHeader(UploadPolicy.Target target) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
        return defaultPort ? host : host + ":" + target.port();
    }

    /** The code of the response's status line ({@code HTTP/1.1 200 OK}). */
    private static int status(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.size() > MAX_STATUS_LINE) {
                throw new IOException("the upload endpoint closed the connection without an HTTP answer");
            }
            line.write(b);
        }
        String[] parts = line.toString(StandardCharsets.ISO_8859_1).trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("the upload endpoint did not answer in HTTP: " + line);
        }
        return Integer.parseInt(parts[1]);
    }
}
