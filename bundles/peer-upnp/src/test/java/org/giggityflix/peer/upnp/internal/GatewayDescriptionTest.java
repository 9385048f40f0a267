package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GatewayDescriptionTest} is responsible for proving that real device descriptions (miniupnpd 2.3 as served
 * by Debian, a DSL modem listing WANPPPConnection beside WANIPConnection under a URLBase) yield the right control
 * URLs, and that hostile or broken ones (DOCTYPE/XXE, not XML, no port-mapping service, control URLs on another
 * host, nesting bombs, oversized) are refused with a reason and read nothing else.
 */
class GatewayDescriptionTest {

    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GatewayDescriptionTest.class.getResourceAsStream("/descriptions/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void miniupnpdOffersWanIpConnection2OnItsOwnHost() throws Exception {
        GatewayDescription d = GatewayDescription.parse(resource("miniupnpd-2.3.xml"),
                URI.create("http://192.168.158.1:58190/rootDesc.xml"));

        assertEquals("Debian router", d.name());
        assertEquals(List.of(new GatewayDescription.WanService("urn:schemas-upnp-org:service:WANIPConnection:2",
                URI.create("http://192.168.158.1:58190/ctl/IPConn"))), d.services());
    }

    @Test
    void urlBaseAndRelativeUrlsResolveAndServicesOnOtherHostsAreDropped() throws Exception {
        GatewayDescription d = GatewayDescription.parse(resource("dsl-modem-igd1.xml"),
                URI.create("http://192.168.1.1:49000/igddesc.xml"));

        assertEquals("DSL Box 7590", d.name());
        assertEquals(List.of(
                new GatewayDescription.WanService("urn:schemas-upnp-org:service:WANIPConnection:1",
                        URI.create("http://192.168.1.1:49000/igdupnp/control/WANIPConn1")),
                new GatewayDescription.WanService("urn:schemas-upnp-org:service:WANPPPConnection:1",
                        URI.create("http://192.168.1.1:49000/igdupnp/control/WANPPPConn1"))), d.services());
    }

    @Test
    void aUrlBaseOnAnotherHostIsIgnored() throws Exception {
        String xml = new String(resource("dsl-modem-igd1.xml"), StandardCharsets.UTF_8)
                .replace("http://192.168.1.1:49000/", "http://10.6.6.6:80/");
        GatewayDescription d = GatewayDescription.parse(xml.getBytes(StandardCharsets.UTF_8),
                URI.create("http://192.168.1.1:49000/igddesc.xml"));

        assertTrue(d.services().stream().allMatch(s -> s.controlUrl().getHost().equals("192.168.1.1")),
                d.services().toString());
    }

    @Test
    void anExternalEntityIsNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><friendlyName>&x;</friendlyName>"
                + "</device></root>";

        GatewayDescription.DescriptionException e = assertThrows(GatewayDescription.DescriptionException.class,
                () -> GatewayDescription.parse(xml.getBytes(StandardCharsets.UTF_8),
                        URI.create("http://192.168.1.1/d.xml")));
        assertEquals("its description is not acceptable XML: has a DOCTYPE, which is refused", e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void entityExpansionIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<root><device><friendlyName>&lol2;</friendlyName></device></root>";
        assertThrows(GatewayDescription.DescriptionException.class,
                () -> GatewayDescription.parse(xml.getBytes(StandardCharsets.UTF_8), URI.create("http://h/d.xml")));
    }

    @Test
    void brokenDescriptionsAreNamed() {
        URI at = URI.create("http://192.168.1.1/d.xml");
        assertEquals("its description is not acceptable XML: Content is not allowed in prolog",
                refusal("HTTP/1.1 200 OK garbage", at));
        assertEquals("its description is not a UPnP device description (<html>)",
                refusal("<html><body>login</body></html>", at));
        assertEquals("its description names no device", refusal("<root xmlns=\"urn:schemas-upnp-org:device-1-0\"/>",
                at));
        assertEquals("it offers no WANIPConnection or WANPPPConnection service",
                refusal("<root><device><friendlyName>NAS</friendlyName><serviceList><service><serviceType>"
                        + "urn:schemas-upnp-org:service:ContentDirectory:1</serviceType><controlURL>/cd</controlURL>"
                        + "</service></serviceList></device></root>", at));
        assertEquals("it offers no WANIPConnection or WANPPPConnection service",
                refusal("<root><device><serviceList><service><serviceType>"
                        + "urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
                        + "<controlURL>file:///etc/passwd</controlURL></service></serviceList></device></root>", at));
    }

    @Test
    void anOversizedDescriptionIsRefusedBeforeParsing() {
        byte[] big = new byte[UpnpConstants.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        GatewayDescription.DescriptionException e = assertThrows(GatewayDescription.DescriptionException.class,
                () -> GatewayDescription.parse(big, URI.create("http://h/d.xml")));
        assertEquals("its description is larger than 256 KB", e.getMessage());
    }

    @Test
    void deeplyNestedDevicesStopAtAFixedDepth() throws Exception {
        StringBuilder xml = new StringBuilder("<root><device>");
        for (int i = 0; i < 20; i++) {
            xml.append("<deviceList><device>");
        }
        xml.append("<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
                + "<controlURL>/c</controlURL></service></serviceList>");
        for (int i = 0; i < 20; i++) {
            xml.append("</device></deviceList>");
        }
        xml.append("</device></root>");
        assertEquals("it offers no WANIPConnection or WANPPPConnection service",
                refusal(xml.toString(), URI.create("http://h/d.xml")));
    }

    private static String refusal(String body, URI at) {
        return assertThrows(GatewayDescription.DescriptionException.class,
                () -> GatewayDescription.parse(body.getBytes(StandardCharsets.UTF_8), at)).getMessage();
    }
}
