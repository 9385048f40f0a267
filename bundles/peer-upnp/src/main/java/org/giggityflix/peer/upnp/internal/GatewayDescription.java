package org.giggityflix.peer.upnp.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code GatewayDescription} is responsible for reading a gateway's device description: its name and the
 * WANIPConnection / WANPPPConnection services it offers, with control URLs resolved and kept on the gateway's own
 * host.
 *
 * @param name     friendly name of the root device (or its model), for the status line
 * @param location where the description was fetched
 * @param services port-mapping services, WANIPConnection first, newest version first
 */
record GatewayDescription(String name, URI location, List<WanService> services) {

    /**
     * A service that can map ports.
     *
     * @param serviceType e.g. {@code urn:schemas-upnp-org:service:WANIPConnection:2}
     * @param controlUrl  where its SOAP actions are posted
     */
    record WanService(String serviceType, URI controlUrl) {
    }

    GatewayDescription {
        services = List.copyOf(services);
    }

    /** Parses {@code body} fetched from {@code location}; {@link DescriptionException} says what is wrong. */
    static GatewayDescription parse(byte[] body, URI location) throws DescriptionException {
        Document document;
        try {
            document = SafeXml.parse(body);
        } catch (SafeXml.XmlException e) {
            throw new DescriptionException("its description is " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"root".equals(SafeXml.localName(root))) {
            throw new DescriptionException("its description is not a UPnP device description (<"
                    + SafeXml.localName(root) + ">)");
        }
        Element device = SafeXml.child(root, "device")
                .orElseThrow(() -> new DescriptionException("its description names no device"));
        URI base = SafeXml.text(root, "URLBase").flatMap(text -> sameHostUri(text, location)).orElse(location);
        String name = SafeXml.text(device, "friendlyName").or(() -> SafeXml.text(device, "modelName"))
                .orElse(location.getHost());
        List<WanService> services = new ArrayList<>();
        collect(device, base, location, services, 0);
        if (services.isEmpty()) {
            throw new DescriptionException("it offers no WANIPConnection or WANPPPConnection service");
        }
        services.sort(Comparator.comparingInt(GatewayDescription::preference));
        return new GatewayDescription(SsdpMessages.first(name), location, services);
    }

    private static void collect(Element device, URI base, URI location, List<WanService> into, int depth) {
        if (depth > 8) {
            return;
        }
        SafeXml.child(device, "serviceList").ifPresent(list -> {
            for (Element service : SafeXml.children(list, "service")) {
                Optional<String> type = SafeXml.text(service, "serviceType");
                Optional<String> control = SafeXml.text(service, "controlURL");
                if (type.isPresent() && control.isPresent() && isWan(type.get())) {
                    resolve(base, control.get()).filter(u -> sameHost(u, location))
                            .ifPresent(u -> into.add(new WanService(type.get(), u)));
                }
            }
        });
        SafeXml.child(device, "deviceList").ifPresent(list -> {
            for (Element child : SafeXml.children(list, "device")) {
                collect(child, base, location, into, depth + 1);
            }
        });
    }

    private static boolean isWan(String type) {
        return type.startsWith(UpnpConstants.WAN_IP_SERVICE) || type.startsWith(UpnpConstants.WAN_PPP_SERVICE);
    }

    /** WANIPConnection before WANPPPConnection, then the newer version first. */
    private static int preference(WanService service) {
        String type = service.serviceType();
        int version;
        try {
            version = Integer.parseInt(type.substring(type.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            version = 1;
        }
        return (type.startsWith(UpnpConstants.WAN_IP_SERVICE) ? 0 : 100) - Math.min(version, 99);
    }

    private static Optional<URI> resolve(URI base, String reference) {
        try {
            URI uri = base.resolve(new URI(reference.trim()));
            return "http".equalsIgnoreCase(uri.getScheme()) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<URI> sameHostUri(String text, URI location) {
        return resolve(location, text).filter(u -> sameHost(u, location));
    }

    /** Control URLs must stay on the gateway that answered: a description may not send the peer elsewhere. */
    private static boolean sameHost(URI uri, URI location) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(location.getHost());
    }

    /** {@code GatewayDescription.DescriptionException} is responsible for saying why a description is unusable. */
    static final class DescriptionException extends Exception {
        private static final long serialVersionUID = 1L;

        DescriptionException(String message) {
            super(message);
        }
    }
}
