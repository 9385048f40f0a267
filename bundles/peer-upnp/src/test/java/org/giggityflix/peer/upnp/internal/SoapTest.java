package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code SoapTest} is responsible for proving the SOAP text: a request envelope whose values cannot break out of
 * their element, answers read with any namespace prefix, UPnPError faults turned into named codes, and garbage or
 * foreign answers named rather than thrown as parser errors.
 */
class SoapTest {

    private static final String WANIP = "urn:schemas-upnp-org:service:WANIPConnection:1";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEnvelopeCarriesArgumentsInOrderAndEscaped() {
        String envelope = Soap.envelope(WANIP, "AddPortMapping", List.of(
                Map.entry("NewExternalPort", "8080"),
                Map.entry("NewPortMappingDescription", "Bob's <peer> & \"co\"\u0007")));
        assertTrue(envelope.contains("<s:Body><u:AddPortMapping xmlns:u=\"" + WANIP + "\"><NewExternalPort>8080"
                + "</NewExternalPort><NewPortMappingDescription>Bob&apos;s &lt;peer&gt; &amp; &quot;co&quot;"
                + "</NewPortMappingDescription></u:AddPortMapping></s:Body>"), envelope);
    }

    @Test
    void anAnswerIsReadWhateverItsPrefixes() throws Exception {
        Map<String, String> values = Soap.response(bytes("<?xml version=\"1.0\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
                + "<m:GetExternalIPAddressResponse xmlns:m=\"" + WANIP + "\">"
                + "<NewExternalIPAddress> 203.0.113.7 </NewExternalIPAddress></m:GetExternalIPAddressResponse>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>"), "GetExternalIPAddress");
        assertEquals(Map.of("NewExternalIPAddress", "203.0.113.7"), values);
    }

    @Test
    void aUpnpErrorBecomesANamedRefusal() {
        ActionRefusedException refusal = Soap.fault(bytes("<?xml version=\"1.0\"?><s:Envelope "
                + "xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client"
                + "</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError "
                + "xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>718</errorCode><errorDescription>"
                + "ConflictInMappingEntry</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>"),
                "AddPortMapping").orElseThrow();
        assertEquals(718, refusal.code());
        assertEquals("718 ConflictInMappingEntry", refusal.getMessage());
    }

    @Test
    void anUnknownCodeKeepsTheGatewaysWords() {
        ActionRefusedException refusal = Soap.fault(bytes("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><s:Body><s:Fault><detail><UPnPError><errorCode>899</errorCode><errorDescription>"
                + "Vendor says no</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>"),
                "AddPortMapping").orElseThrow();
        assertEquals("899 Vendor says no", refusal.getMessage());
    }

    @Test
    void faultsWithoutAUpnpErrorOrWithGarbageCodesAreNotRefusals() {
        assertTrue(Soap.fault(bytes("<html>500 Internal Server Error</html>"), "AddPortMapping").isEmpty());
        assertTrue(Soap.fault(bytes("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<s:Fault><detail><UPnPError><errorCode>seven</errorCode></UPnPError></detail></s:Fault></s:Body>"
                + "</s:Envelope>"), "AddPortMapping").isEmpty());
    }

    @Test
    void garbageAndForeignAnswersAreNamed() {
        assertEquals("answered garbage to GetExternalIPAddress: not acceptable XML: Content is not allowed in prolog",
                assertThrows(GatewayException.class, () -> Soap.response(bytes("OK"), "GetExternalIPAddress"))
                        .getMessage());
        assertEquals("answered GetExternalIPAddress with <html> instead of a SOAP envelope",
                assertThrows(GatewayException.class, () -> Soap.response(bytes("<html/>"), "GetExternalIPAddress"))
                        .getMessage());
        assertEquals("answered AddPortMapping without AddPortMappingResponse",
                assertThrows(GatewayException.class, () -> Soap.response(bytes("<s:Envelope xmlns:s=\"http://"
                        + "schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body></s:Envelope>"),
                        "AddPortMapping")).getMessage());
        assertEquals("answered garbage to AddPortMapping: not acceptable XML: has a DOCTYPE, which is refused",
                assertThrows(GatewayException.class, () -> Soap.response(bytes("<!DOCTYPE x [<!ENTITY a \"b\">]>"
                        + "<x/>"), "AddPortMapping")).getMessage());
    }
}
