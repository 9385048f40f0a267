package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@code SsdpMessagesTest} is responsible for proving the SSDP text: the M-SEARCH as the UPnP spec writes it, real
 * gateway answers read whatever their header case and line endings, and everything else (NOTIFYs, other devices,
 * missing headers, non-http or spoofed locations, random bytes) turned away with a reason instead of an exception.
 */
class SsdpMessagesTest {

    private static final InetAddress ROUTER = address("192.168.1.1");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SsdpAnswer parse(String text) throws SsdpMessages.SsdpException {
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        return SsdpMessages.parse(data, data.length, ROUTER);
    }

    private static String refusal(String text) {
        return assertThrows(SsdpMessages.SsdpException.class, () -> parse(text)).getMessage();
    }

    @Test
    void theSearchIsWhatTheSpecWrites() {
        String search = new String(SsdpMessages.search("239.255.255.250:1900",
                "urn:schemas-upnp-org:device:InternetGatewayDevice:1", 2), StandardCharsets.US_ASCII);
        assertTrue(search.startsWith("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
                + "MX: 2\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"), search);
        assertTrue(search.endsWith("\r\n\r\n"));
    }

    @Test
    void aMiniupnpdAnswerIsRead() throws Exception {
        SsdpAnswer answer = parse("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n"
                + "USN: uuid:3d3cec3a::urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\nEXT:\r\n"
                + "SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1\r\nLOCATION: http://192.168.1.1:5000/rootDesc.xml\r\n"
                + "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n\r\n");
        assertEquals(URI.create("http://192.168.1.1:5000/rootDesc.xml"), answer.location());
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:2", answer.st());
        assertEquals("Debian/12 UPnP/1.1 MiniUPnPd/2.3.1", answer.server());
    }

    @Test
    void headerCaseAndBareLineFeedsAreTolerated() throws Exception {
        SsdpAnswer answer = parse("HTTP/1.0 200 OK\nst: urn:schemas-upnp-org:service:WANIPConnection:1\n"
                + "Location:http://192.168.1.1/igd.xml\n\n");
        assertEquals("http://192.168.1.1/igd.xml", answer.location().toString());
    }

    @Test
    void whatIsNotAGatewayAnswerIsTurnedAwayWithAReason() {
        String location = "LOCATION: http://192.168.1.1/d.xml\r\n";
        String st = "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n";
        assertEquals("not an answer (NOTIFY * HTTP/1.1)", refusal("NOTIFY * HTTP/1.1\r\n" + st + location));
        assertEquals("not an SSDP answer (starts with 'HTTP/1.1 404 Not Found')",
                refusal("HTTP/1.1 404 Not Found\r\n" + st + location));
        assertEquals("no ST header", refusal("HTTP/1.1 200 OK\r\n" + location));
        assertEquals("not a gateway (ST urn:schemas-upnp-org:device:MediaRenderer:1)",
                refusal("HTTP/1.1 200 OK\r\nST: urn:schemas-upnp-org:device:MediaRenderer:1\r\n" + location));
        assertEquals("no LOCATION header", refusal("HTTP/1.1 200 OK\r\n" + st));
        assertEquals("LOCATION is not an http URL: file:///etc/passwd",
                refusal("HTTP/1.1 200 OK\r\n" + st + "LOCATION: file:///etc/passwd\r\n"));
        assertEquals("LOCATION is not a URL: http://192.168.1.1/a b^",
                refusal("HTTP/1.1 200 OK\r\n" + st + "LOCATION: http://192.168.1.1/a b^\r\n"));
        assertEquals("unreadable header line 'garbage without colon'",
                refusal("HTTP/1.1 200 OK\r\ngarbage without colon\r\n" + st + location));
    }

    @Test
    void aLocationOnAnotherHostThanTheSenderIsRefused() {
        String st = "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n";
        assertEquals("LOCATION http://127.0.0.1:8181/admin is not on the sender 192.168.1.1",
                refusal("HTTP/1.1 200 OK\r\n" + st + "LOCATION: http://127.0.0.1:8181/admin\r\n"));
        assertEquals("LOCATION http://router.local/d.xml is not on the sender 192.168.1.1",
                refusal("HTTP/1.1 200 OK\r\n" + st + "LOCATION: http://router.local/d.xml\r\n"));
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[random.nextInt(600)];
            random.nextBytes(data);
            if (i % 3 == 0 && data.length > 20) {
                System.arraycopy("HTTP/1.1 200 OK\r\nST: ".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 21);
            }
            assertThrows(SsdpMessages.SsdpException.class, () -> SsdpMessages.parse(data, data.length, ROUTER));
        }
    }
}
