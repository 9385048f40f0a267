package org.giggityflix.peer.edge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code EdgeConfig} is responsible for describing the Edge link's settings (PID {@code org.giggityflix.peer.edge})
 * to ConfigAdmin and metatype, so {@code config:edit}, {@code etc/*.cfg} and the web UI show the same fields.
 */
@ObjectClassDefinition(name = "Giggityflix Edge link",
        description = "How this peer reaches its Edge server and what the Edge may ask of it.")
@interface EdgeConfig {

    @AttributeDefinition(name = "Edge address", description = "host:port of the Edge's gRPC endpoint (EDGE_GRPC_ADDRESS).")
    String edgeAddress() default "localhost:50051";

    @AttributeDefinition(name = "Reconnect interval (s)",
            description = "First wait before reconnecting; doubles per attempt, with jitter, up to 5 minutes"
                    + " (GRPC_RECONNECT_INTERVAL_SEC).")
    int reconnectIntervalSec() default 10;

    @AttributeDefinition(name = "Reconnect attempts",
            description = "Attempts before giving up (state GAVE_UP until peer:edge-reconnect or a config change)"
                    + " (GRPC_MAX_RECONNECT_ATTEMPTS).")
    int maxReconnectAttempts() default 5;

    @AttributeDefinition(name = "Heartbeat interval (s)",
            description = "How often the peer tells the Edge it is alive; the Edge drops peers silent for 120 s"
                    + " (GRPC_HEARTBEAT_INTERVAL_SEC).")
    int heartbeatIntervalSec() default 30;

    @AttributeDefinition(name = "Timeout (s)", description = "Connect timeout (GRPC_TIMEOUT_SEC).")
    int timeoutSec() default 5;

    @AttributeDefinition(name = "Use TLS", description = "Encrypt the link (GRPC_USE_TLS); the system trust store"
            + " is used unless a certificate is given.")
    boolean useTls() default false;

    @AttributeDefinition(name = "Trusted certificate", required = false,
            description = "PEM file of the CA or certificate to trust for the Edge (GRPC_CERT_PATH).")
    String certPath() default "";

    @AttributeDefinition(name = "Client certificate", required = false,
            description = "PEM client certificate chain for mutual TLS (with the client key).")
    String clientCertPath() default "";

    @AttributeDefinition(name = "Client key", required = false,
            description = "PEM PKCS#8 private key for mutual TLS (with the client certificate).")
    String clientKeyPath() default "";

    @AttributeDefinition(name = "Allow deletes",
            description = "Let the Edge delete cataloged files. Off: every delete is refused (PERMISSION_DENIED)."
                    + " On: only files the catalog holds inside a media folder, moved to DATA_DIR/trash first.")
    boolean allowDelete() default false;

    @AttributeDefinition(name = "Trash retention (days)",
            description = "Days a deleted file stays in DATA_DIR/trash before it is removed for good.")
    int trashRetentionDays() default 30;

    @AttributeDefinition(name = "Trash size cap (% of its drive)",
            description = "The trash (DATA_DIR/trash) may hold at most this share of its drive; a delete that would"
                    + " pass it, or a copy to another drive without room to spare, is refused (PERMISSION_DENIED)"
                    + " and the file stays where it is. 1-100.")
    int trashMaxPercent() default 10;

    @AttributeDefinition(name = "Screenshot upload hosts", required = false,
            description = "Comma list of host or host:port, besides the Edge's own host and port, that screenshot"
                    + " uploads may be sent to. A host without a port allows only the URL scheme's default port"
                    + " (443 for https, 80 for http).")
    String uploadAllowedHosts() default "";

    @AttributeDefinition(name = "Allow plain-HTTP uploads",
            description = "Let screenshot uploads go over plain http to an address off this machine. Off: https"
                    + " only (plain http only to the loopback address of an Edge on this machine).")
    boolean uploadAllowHttp() default false;

    @AttributeDefinition(name = "Concurrent requests",
            description = "Edge requests worked on at once; more wait, and beyond a queue are answered BUSY.")
    int maxConcurrentRequests() default 4;
}
