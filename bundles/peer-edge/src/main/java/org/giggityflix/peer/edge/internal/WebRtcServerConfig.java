package org.giggityflix.peer.edge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code WebRtcServerConfig} is responsible for describing the unary WebRTC server's settings (PID
 * {@code org.giggityflix.peer.edge.webrtcserver}) to ConfigAdmin, {@code config:edit} and the web UI, with their
 * defaults: off, loopback, port 50052, plaintext unless a certificate and its key are given.
 */
@ObjectClassDefinition(name = "Giggityflix unary WebRTC server",
        description = "Serves the unary WebRTCOperations call to an Edge that can reach this peer (e.g. on the LAN).")
public @interface WebRtcServerConfig {

    @AttributeDefinition(name = "Enabled",
            description = "Serve the unary WebRTCOperations call for an Edge that can reach this peer (e.g. on the"
                    + " LAN). Off: nothing listens; signaling still flows on the link the peer dials.")
    boolean enabled() default false;

    @AttributeDefinition(name = "Address",
            description = "Address the WebRTC server listens on. Loopback by default: open it (e.g. 0.0.0.0) only"
                    + " with a server certificate and key, since plaintext is fit for loopback only.")
    String address() default WebRtcServerSettings.DEFAULT_ADDRESS;

    @AttributeDefinition(name = "Port", description = "Port of the WebRTC server.")
    int port() default WebRtcServerSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "Certificate", required = false,
            description = "PEM certificate chain the WebRTC server presents (with its key: TLS; neither: plaintext).")
    String certPath() default "";

    @AttributeDefinition(name = "Key", required = false,
            description = "PEM PKCS#8 private key of the WebRTC server certificate.")
    String keyPath() default "";

    @AttributeDefinition(name = "Client CA", required = false,
            description = "PEM CA: when set (with TLS), only callers with a client certificate it signed are served.")
    String clientCaPath() default "";
}
