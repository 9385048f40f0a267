package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code TestIgd} is responsible for standing in for a home router on loopback, speaking real SSDP (UDP answers to
 * M-SEARCH) and real SOAP over HTTP (WANIPConnection:1), with switches for the ways real routers misbehave: silence,
 * garbage, spoofed locations, refusals with a UPnP error code, only permanent leases, and a control URL that never
 * answers. It records every action and the mapping table, as a router's admin page would show it.
 */
final class TestIgd implements AutoCloseable {

    /** One row of the router's mapping table. */
    record Mapping(String protocol, int port, String client, int internalPort, int lease, String description) {
    }

    enum Ssdp { ANSWER, SILENT, GARBAGE, SPOOFED_LOCATION }

    enum Description { NORMAL, GARBAGE, XXE, NO_WAN_SERVICE }

    static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1";
    private static final Pattern ARG = Pattern.compile("<(New\\w+)>([^<]*)</\\1>");

    private final DatagramSocket udp;
    private final HttpServer http;
    private final Thread responder;
    private final CountDownLatch never = new CountDownLatch(1);

    volatile Ssdp ssdp = Ssdp.ANSWER;
    volatile Description description = Description.NORMAL;
    volatile String externalAddress = "203.0.113.9";
    /** When set, AddPortMapping is answered with this UPnP error code. */
    volatile Integer refuseAdd;
    /** Answer 725 OnlyPermanentLeasesSupported to any lease but 0. */
    volatile boolean onlyPermanent;
    /** The control URL accepts the request and never answers. */
    volatile boolean hangSoap;
    /** The control URL answers with text that is not XML. */
    volatile boolean garbageSoap;

    final AtomicInteger searches = new AtomicInteger();
    final List<String> actions = new CopyOnWriteArrayList<>();
    final Map<String, Mapping> mappings = new ConcurrentHashMap<>();

    TestIgd() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-igd-http");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/rootDesc.xml", this::description);
        http.createContext("/ctl/IPConn", this::control);
        http.start();
        responder = new Thread(this::answerSearches, "test-igd-ssdp");
        responder.setDaemon(true);
        responder.start();
    }

    /** Where to aim a unicast search ({@code gatewayAddress}). */
    String ssdpAddress() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    private String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void answerSearches() {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                return;
            }
            String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (!request.startsWith("M-SEARCH")) {
                continue;
            }
            searches.incrementAndGet();
            Matcher st = Pattern.compile("(?m)^ST: *(.+?)\r?$").matcher(request);
            String target = st.find() ? st.group(1) : "";
            if (!target.contains("InternetGatewayDevice:1")) {
                continue; // an IGD:1 answers for its own device type only
            }
            byte[] answer = switch (ssdp) {
                case SILENT -> null;
                case GARBAGE -> new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, 'n', 'o', 'p', 'e'};
                case SPOOFED_LOCATION -> answer(target, "http://127.0.0.2:" + http.getAddress().getPort()
                        + "/rootDesc.xml");
                case ANSWER -> answer(target, base() + "/rootDesc.xml");
            };
            if (answer != null) {
                try {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    private static byte[] answer(String st, String location) {
        return ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: " + st + "\r\nUSN: uuid:test-igd::" + st
                + "\r\nEXT:\r\nSERVER: Linux/6 UPnP/1.1 TestIgd/1\r\nLOCATION: " + location + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void description(HttpExchange exchange) throws IOException {
        String body = switch (description) {
            case GARBAGE -> "<html><body>Router login</body>";
            case XXE -> "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                    + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><friendlyName>&x;</friendlyName>"
                    + "</device></root>";
            case NO_WAN_SERVICE -> "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                    + "<deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>"
                    + "<friendlyName>NAS</friendlyName></device></root>";
            case NORMAL -> "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                    + "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
                    + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
                    + "<friendlyName>Test router</friendlyName><deviceList><device>"
                    + "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><deviceList><device>"
                    + "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType><serviceList>"
                    + "<service><serviceType>" + SERVICE + "</serviceType>"
                    + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL>"
                    + "<controlURL>/ctl/IPConn</controlURL><eventSubURL>/evt/IPConn</eventSubURL></service>"
                    + "</serviceList></device></deviceList></device></deviceList></device></root>";
        };
        send(exchange, 200, body);
    }

    private void control(HttpExchange exchange) throws IOException {
        String soapAction = String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction"));
        String action = soapAction.replace("\"", "").substring(soapAction.replace("\"", "").indexOf('#') + 1);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> args = new ConcurrentHashMap<>();
        Matcher m = ARG.matcher(body);
        while (m.find()) {
            args.put(m.group(1), m.group(2));
        }
        actions.add(action + (args.containsKey("NewExternalPort") ? " " + args.get("NewExternalPort") : "")
                + (args.containsKey("NewLeaseDuration") ? " lease=" + args.get("NewLeaseDuration") : ""));
        if (hangSoap) {
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (garbageSoap) {
            send(exchange, 200, "\u0000\u0001 definitely not SOAP");
            return;
        }
        String key = args.getOrDefault("NewProtocol", "") + ":" + args.getOrDefault("NewExternalPort", "");
        switch (action) {
            case "GetExternalIPAddress" -> ok(exchange, action, "<NewExternalIPAddress>" + externalAddress
                    + "</NewExternalIPAddress>");
            case "AddPortMapping" -> {
                Integer refusal = refuseAdd;
                int lease = Integer.parseInt(args.getOrDefault("NewLeaseDuration", "0"));
                if (refusal != null) {
                    fault(exchange, refusal, "Refused by test");
                } else if (onlyPermanent && lease != 0) {
                    fault(exchange, 725, "OnlyPermanentLeasesSupported");
                } else {
                    mappings.put(key, new Mapping(args.get("NewProtocol"),
                            Integer.parseInt(args.get("NewExternalPort")), args.get("NewInternalClient"),
                            Integer.parseInt(args.get("NewInternalPort")), lease,
                            args.getOrDefault("NewPortMappingDescription", "")));
                    ok(exchange, action, "");
                }
            }
            case "DeletePortMapping" -> {
                if (mappings.remove(key) == null) {
                    fault(exchange, 714, "NoSuchEntryInArray");
                } else {
                    ok(exchange, action, "");
                }
            }
            case "GetSpecificPortMappingEntry" -> {
                Mapping mapping = mappings.get(key);
                if (mapping == null) {
                    fault(exchange, 714, "NoSuchEntryInArray");
                } else {
                    ok(exchange, action, "<NewInternalPort>" + mapping.internalPort() + "</NewInternalPort>"
                            + "<NewInternalClient>" + mapping.client() + "</NewInternalClient>"
                            + "<NewEnabled>1</NewEnabled><NewPortMappingDescription>" + mapping.description()
                            + "</NewPortMappingDescription><NewLeaseDuration>" + mapping.lease()
                            + "</NewLeaseDuration>");
                }
            }
            default -> fault(exchange, 401, "Invalid Action");
        }
    }

    /** Puts a mapping in the table as another machine on the LAN would. */
    void occupy(String protocol, int port, String client) {
        mappings.put(protocol + ":" + port, new Mapping(protocol, port, client, port, 0, "someone else"));
    }

    long count(String actionPrefix) {
        return actions.stream().filter(a -> a.startsWith(actionPrefix)).count();
    }

    private static void ok(HttpExchange exchange, String action, String values) throws IOException {
        send(exchange, 200, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action
                + "Response xmlns:u=\"" + SERVICE + "\">" + values + "</u:" + action + "Response></s:Body>"
                + "</s:Envelope>");
    }

    private static void fault(HttpExchange exchange, int code, String description) throws IOException {
        send(exchange, 500, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><s:Fault>"
                + "<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" + code + "</errorCode>"
                + "<errorDescription>" + description + "</errorDescription></UPnPError></detail></s:Fault>"
                + "</s:Body></s:Envelope>");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=\"utf-8\"");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        never.countDown();
        udp.close();
        http.stop(0);
        ((ExecutorService) http.getExecutor()).shutdownNow();
        try {
            responder.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
