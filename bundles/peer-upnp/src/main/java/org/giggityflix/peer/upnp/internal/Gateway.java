package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Gateway} is responsible for talking to one found gateway's port-mapping service: its external address,
 * adding (and so renewing) and deleting mappings for this machine's LAN address.
 */
final class Gateway {

    private final GatewayDescription description;
    private final GatewayDescription.WanService service;
    private final String localAddress;
    private final HttpExchange http;

    Gateway(GatewayDescription description, GatewayDescription.WanService service, String localAddress,
            HttpExchange http) {
        this.description = description;
        this.service = service;
        this.localAddress = localAddress;
        this.http = http;
    }

    /** "Debian router (http://192.168.1.1:5000/rootDesc.xml)". */
    String label() {
        return description.name() + " (" + description.location() + ")";
    }

    /** This machine's address on the gateway's LAN: where mappings point. */
    String localAddress() {
        return localAddress;
    }

    URI location() {
        return description.location();
    }

    String externalAddress() throws GatewayException, InterruptedException {
        String address = call("GetExternalIPAddress", List.of()).getOrDefault("NewExternalIPAddress", "").trim();
        if (address.isEmpty()) {
            throw new GatewayException("reports no external address (is its internet link up?)");
        }
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new GatewayException("answered garbage to GetExternalIPAddress: '"
                    + SsdpMessages.first(address) + "' is not an IPv4 address");
        }
        return address;
    }

    void addPortMapping(String protocol, int port, int leaseSeconds, String label)
            throws GatewayException, InterruptedException {
        call("AddPortMapping", List.of(
                Map.entry("NewRemoteHost", ""),
                Map.entry("NewExternalPort", Integer.toString(port)),
                Map.entry("NewProtocol", protocol),
                Map.entry("NewInternalPort", Integer.toString(port)),
                Map.entry("NewInternalClient", localAddress),
                Map.entry("NewEnabled", "1"),
                Map.entry("NewPortMappingDescription", label),
                Map.entry("NewLeaseDuration", Integer.toString(leaseSeconds))));
    }

    /** Who holds {@code port} on the gateway now ("192.168.1.20:8080"), empty when nobody does. */
    Optional<String> holder(String protocol, int port) throws GatewayException, InterruptedException {
        try {
            Map<String, String> entry = call("GetSpecificPortMappingEntry", List.of(
                    Map.entry("NewRemoteHost", ""),
                    Map.entry("NewExternalPort", Integer.toString(port)),
                    Map.entry("NewProtocol", protocol)));
            return Optional.of(entry.getOrDefault("NewInternalClient", "?") + ":"
                    + entry.getOrDefault("NewInternalPort", "?"));
        } catch (ActionRefusedException e) {
            if (e.code() == UpnpErrors.NO_SUCH_ENTRY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void deletePortMapping(String protocol, int port) throws GatewayException, InterruptedException {
        call("DeletePortMapping", List.of(
                Map.entry("NewRemoteHost", ""),
                Map.entry("NewExternalPort", Integer.toString(port)),
                Map.entry("NewProtocol", protocol)));
    }

    private Map<String, String> call(String action, List<Map.Entry<String, String>> arguments)
            throws GatewayException, InterruptedException {
        HttpExchange.Response response;
        try {
            response = http.soap(service.controlUrl(), service.serviceType() + "#" + action,
                    Soap.envelope(service.serviceType(), action, arguments));
        } catch (IOException e) {
            throw new GatewayException("did not answer " + action + ": " + reason(e), e);
        }
        if (response.status() == 200) {
            return Soap.response(response.body(), action);
        }
        if (response.status() == 500) {
            ActionRefusedException refusal = Soap.fault(response.body(), action).orElse(null);
            if (refusal != null) {
                throw refusal;
            }
        }
        throw new GatewayException("answered " + action + " with HTTP " + response.status()
                + (response.status() == 500 ? " without a UPnP error" : ""));
    }

    static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
