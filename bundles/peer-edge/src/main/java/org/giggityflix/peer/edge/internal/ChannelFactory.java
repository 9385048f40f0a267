package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

/**
 * {@code ChannelFactory} is responsible for dialing the Edge: one fresh channel per attempt, plaintext or TLS,
 * with the connect timeout and keepalive from the settings.
 *
 * <p>The Netty builder is used directly (not {@code Grpc.newChannelBuilder}) so no provider lookup depends on the
 * thread context class loader inside OSGi.
 */
final class ChannelFactory {

    ManagedChannel open(EdgeSettings settings) throws IOException {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(settings.host(), settings.port())
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .keepAliveTime(EdgeConstants.KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!settings.useTls()) {
            return builder.usePlaintext().build();
        }
        return builder.negotiationType(NegotiationType.TLS).sslContext(tls(settings).build()).build();
    }

    private static SslContextBuilder tls(EdgeSettings settings) throws IOException {
        SslContextBuilder tls = GrpcSslContexts.forClient();
        if (settings.certPath().isPresent()) {
            tls.trustManager(settings.certPath().get().toFile());
        }
        if (settings.clientCertPath().isPresent() && settings.clientKeyPath().isPresent()) {
            tls.keyManager(settings.clientCertPath().get().toFile(), settings.clientKeyPath().get().toFile());
        }
        return tls;
    }
}
