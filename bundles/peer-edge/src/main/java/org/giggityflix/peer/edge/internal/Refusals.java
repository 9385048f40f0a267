package org.giggityflix.peer.edge.internal;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.grpc.Status;

/**
 * {@code Refusals} is responsible for turning a failed stream into words an owner can act on, and for telling an
 * Edge that refused this peer (back off harder) from a network problem.
 */
final class Refusals {

    private Refusals() {
    }

    /** True when the Edge answered and said no, as opposed to being unreachable. */
    static boolean isRefusal(Status status) {
        return switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, UNIMPLEMENTED -> true;
            default -> false;
        };
    }

    static String describe(Status status, String address) {
        String detail = status.getDescription() == null ? "" : " (" + status.getDescription() + ")";
        if (tlsCause(status.getCause()) != null) {
            return "TLS handshake with the Edge at " + address + " failed: " + tlsDetail(tlsCause(status.getCause()))
                    + " - check useTls and the trusted certificate (certPath / GRPC_CERT_PATH)";
        }
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> "the Edge refused this peer as not authenticated: peer_id missing or not"
                    + " accepted" + detail;
            case PERMISSION_DENIED -> "the Edge refused this peer id: another peer with the same id is connected"
                    + " (duplicate PEER_ID?) or this peer is not allowed" + detail;
            case RESOURCE_EXHAUSTED -> "the Edge is full or rate-limiting this peer; backing off" + detail;
            case UNIMPLEMENTED -> "the server at " + address + " does not speak the Edge protocol" + detail;
            case UNAVAILABLE -> "the Edge at " + address + " is unreachable" + detail + cause(status);
            case DEADLINE_EXCEEDED -> "the Edge at " + address + " did not answer in time" + detail;
            case CANCELLED -> "the stream was cancelled" + detail;
            default -> "the link to the Edge failed: " + status.getCode() + detail + cause(status);
        };
    }

    private static String cause(Status status) {
        Throwable cause = status.getCause();
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    /** The most telling part of a TLS failure: an untrusted certificate is named as such. */
    private static String tlsDetail(SSLException ssl) {
        for (Throwable c = ssl; c != null; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof CertPathBuilderException) {
                return "the Edge's certificate is not trusted (" + c.getMessage() + ")";
            }
        }
        String message = ssl.getMessage() == null ? "" : ssl.getMessage();
        if (message.contains("not an SSL/TLS record")) {
            return "the Edge does not answer in TLS (is useTls meant to be on?)";
        }
        if (message.toUpperCase(Locale.ROOT).contains("CERTIFICATE_REQUIRED")) {
            return "the Edge requires a client certificate (set clientCertPath and clientKeyPath)";
        }
        return ssl.getMessage();
    }

    private static SSLException tlsCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
