package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GatewayFinder} is responsible for turning an SSDP search into a usable {@link Gateway}: it fetches each
 * answering device's description, picks a port-mapping service that actually answers GetExternalIPAddress, and
 * otherwise says precisely why none could be used.
 */
final class GatewayFinder {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFinder.class);

    /** A found gateway and its external address, read while checking that the service answers. */
    record Found(Gateway gateway, String externalAddress) {
    }

    private final HttpExchange http;

    GatewayFinder(HttpExchange http) {
        this.http = http;
    }

    Found find(UpnpSettings settings) throws GatewayException, InterruptedException {
        SsdpSearch.Result result;
        try {
            result = SsdpSearch.search(settings);
        } catch (IOException e) {
            throw new NoGatewayException("cannot search for a UPnP gateway: " + Gateway.reason(e));
        }
        if (result.answers().isEmpty()) {
            String ignored = result.ignored().isEmpty() ? ""
                    : " (" + result.ignored().size() + " unusable answer" + (result.ignored().size() == 1 ? "" : "s")
                    + " ignored, e.g. " + result.ignored().get(0) + ")";
            throw new NoGatewayException("no UPnP gateway answered within "
                    + settings.discoveryTimeout().toSeconds() + " s" + ignored);
        }
        List<String> problems = new ArrayList<>();
        for (SsdpAnswer answer : result.answers()) {
            try {
                return use(answer.location());
            } catch (GatewayException e) {
                LOG.debug("gateway at {} not usable: {}", answer.location(), e.getMessage());
                problems.add("gateway " + answer.source().getHostAddress() + ": " + e.getMessage());
            }
        }
        throw new GatewayException(problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more not usable)" : ""));
    }

    private Found use(URI location) throws GatewayException, InterruptedException {
        HttpExchange.Response response;
        try {
            response = http.get(location);
        } catch (IOException e) {
            throw new GatewayException("did not serve its description: " + Gateway.reason(e), e);
        }
        if (response.status() != 200) {
            throw new GatewayException("answered HTTP " + response.status() + " for its description");
        }
        GatewayDescription description;
        try {
            description = GatewayDescription.parse(response.body(), location);
        } catch (GatewayDescription.DescriptionException e) {
            throw new GatewayException(e.getMessage());
        }
        GatewayException last = null;
        for (GatewayDescription.WanService service : description.services()) {
            Gateway gateway = new Gateway(description, service, localAddressTowards(service.controlUrl()), http);
            try {
                return new Found(gateway, gateway.externalAddress());
            } catch (GatewayException e) {
                // A DSL modem lists WANPPPConnection and WANIPConnection; only the one in use answers.
                last = e;
            }
        }
        throw last;
    }

    /** The local address the system routes through to reach {@code uri}'s host (no packet is sent). */
    private static String localAddressTowards(URI uri) throws GatewayException {
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(uri.getHost(), port));
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new GatewayException("is not reachable from this machine: " + Gateway.reason(e), e);
        }
    }

    /** {@code GatewayFinder.NoGatewayException} is responsible for "nobody answered" as opposed to "answered badly". */
    static final class NoGatewayException extends GatewayException {
        private static final long serialVersionUID = 1L;

        NoGatewayException(String message) {
            super(message);
        }
    }
}
