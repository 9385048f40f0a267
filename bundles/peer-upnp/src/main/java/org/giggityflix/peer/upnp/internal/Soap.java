package org.giggityflix.peer.upnp.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code Soap} is responsible for the SOAP 1.1 text of UPnP control: the request envelope (arguments escaped, in
 * the order the service defines) and reading an action's answer or its UPnPError fault.
 */
final class Soap {

    private Soap() {
    }

    /** The envelope for {@code action} of {@code serviceType} with {@code arguments} in order. */
    static String envelope(String serviceType, String action, List<Map.Entry<String, String>> arguments) {
        StringBuilder body = new StringBuilder(512)
                .append("<?xml version=\"1.0\"?>\r\n")
                .append("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"")
                .append(" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">")
                .append("<s:Body><u:").append(action).append(" xmlns:u=\"").append(escape(serviceType)).append("\">");
        for (Map.Entry<String, String> argument : arguments) {
            body.append('<').append(argument.getKey()).append('>').append(escape(argument.getValue()))
                    .append("</").append(argument.getKey()).append('>');
        }
        return body.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n").toString();
    }

    /** The output arguments of a 200 answer to {@code action}. */
    static Map<String, String> response(byte[] body, String action) throws GatewayException {
        Element bodyElement = body(body, action);
        Element answer = SafeXml.child(bodyElement, action + "Response")
                .orElseThrow(() -> new GatewayException("answered " + action + " without " + action + "Response"));
        Map<String, String> values = new LinkedHashMap<>();
        for (Element argument : SafeXml.elements(answer)) {
            values.put(SafeXml.localName(argument), argument.getTextContent().trim());
        }
        return values;
    }

    /** The UPnPError of a 500 answer, empty when the body holds none. */
    static Optional<ActionRefusedException> fault(byte[] body, String action) {
        try {
            Element fault = SafeXml.child(body(body, action), "Fault").orElse(null);
            if (fault == null) {
                return Optional.empty();
            }
            Element error = SafeXml.child(fault, "detail").flatMap(d -> SafeXml.child(d, "UPnPError")).orElse(null);
            if (error == null) {
                return Optional.empty();
            }
            int code = Integer.parseInt(SafeXml.text(error, "errorCode").orElse("").trim());
            return Optional.of(new ActionRefusedException(code, SafeXml.text(error, "errorDescription").orElse("")));
        } catch (GatewayException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Element body(byte[] body, String action) throws GatewayException {
        Document document;
        try {
            document = SafeXml.parse(body);
        } catch (SafeXml.XmlException e) {
            throw new GatewayException("answered garbage to " + action + ": " + e.getMessage());
        }
        Element envelope = document.getDocumentElement();
        if (!"Envelope".equals(SafeXml.localName(envelope))) {
            throw new GatewayException("answered " + action + " with <" + SafeXml.localName(envelope)
                    + "> instead of a SOAP envelope");
        }
        return SafeXml.child(envelope, "Body")
                .orElseThrow(() -> new GatewayException("answered " + action + " with an empty SOAP envelope"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
