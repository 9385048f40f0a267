package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code FrontDoorTest} is responsible for proving the first look at every request: 403 without a page for the
 * owner's face from outside, the public face open to all, a Host that does not name this machine refused (DNS
 * rebinding), and HSTS on HTTPS answers.
 */
class FrontDoorTest {

    private final HostNames names = new HostNames(() -> {
        try {
            return new HostNames.Local(Set.of(InetAddress.getByName("192.168.1.10"), InetAddress.getByName("fd00::10")),
                    Set.of("mediabox", "mediabox.local", "mediabox.home.arpa"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }, new Fakes.MutableClock());

    private final FrontDoor door = new FrontDoor(names, Fakes.config(Map.of("allowedHostNames",
            new String[] {"Films.Example.Org."})));

    private FrontDoor.Admission request(String method, String path, String from, String host, boolean secure) {
        return door.admit(new FrontDoor.Seen(method, path, from, secure, host, List.of(), List.of(), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/api/v1/login", "/api/v1/status", "/api/v1/openapi.json", "/metrics",
        "/assets/app.js", "/play", "/play/rtc/open", "/signal", "/library", "/stream/1/../../metrics"})
    void fromOutsideTheOwnersFaceIs403WithNoPage(String path) {
        FrontDoor.Admission a = request("GET", path, "198.51.100.2", "192.168.1.10:8080", false);
        assertEquals(403, a.status(), path);
        assertEquals("", a.message(), "no page, no hint");
        assertEquals(403, request("POST", path, "198.51.100.2", "192.168.1.10:8080", false).status());
    }

    @Test
    void fromOutsideSignedLinksAndHealthPassWhateverTheHost() {
        assertTrue(request("GET", "/stream/42", "198.51.100.2", "my-home.dyndns.example:8080", false).admitted());
        assertTrue(request("HEAD", "/stream/42", "198.51.100.2", "203.0.113.1", false).admitted());
        assertTrue(request("GET", "/health", "198.51.100.2", "203.0.113.1:8080", false).admitted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "mediabox.evil.example", "192.168.1.11:8080",
        "10.0.0.1", "[fd00::11]:8080", "localhost.evil.example", "127.0.0.1.nip.io"})
    void aHostThatDoesNotNameThisMachineIs421(String host) {
        FrontDoor.Admission a = request("GET", "/api/v1/status", "192.168.1.20", host, false);
        assertEquals(421, a.status(), host);
        assertTrue(a.message().contains("allowedHostNames"), a.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "192.168.1.10:8080",
        "[fd00::10]", "MediaBox:8080", "mediabox.local", "mediabox.home.arpa.", "films.example.org"})
    void thisMachinesNamesAndAddressesPass(String host) {
        assertTrue(request("GET", "/api/v1/status", "192.168.1.20", host, false).admitted(), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "host:port", "[fd00::10", "x:99999999"})
    void aMissingOrMalformedHostIs400(String host) {
        assertEquals(400, request("GET", "/", "192.168.1.20", host, false).status(), host);
        assertEquals(400, request("GET", "/", "192.168.1.20", null, false).status());
    }

    @Test
    void remoteAdministrationLetsOutsideHttpsInButNeverPlainHttp() {
        FrontDoor remote = new FrontDoor(names, Fakes.config(Map.of("remoteAdministration", true,
                "allowedHostNames", new String[] {"films.example.org"})));
        assertTrue(remote.admit(new FrontDoor.Seen("GET", "/login", "203.0.113.9", true, "films.example.org:8443",
                List.of(), List.of(), List.of())).admitted());
        assertEquals(403, remote.admit(new FrontDoor.Seen("GET", "/login", "203.0.113.9", false,
                "films.example.org:8080", List.of(), List.of(), List.of())).status());
    }

    @Test
    void forgedForwardingFromAnOutsideClientDoesNotMakeItHome() {
        FrontDoor.Admission a = door.admit(new FrontDoor.Seen("GET", "/api/v1/status", "198.51.100.2", false,
                "192.168.1.10", List.of("for=127.0.0.1"), List.of("192.168.1.20"), List.of()));
        assertEquals(403, a.status());
        assertEquals("198.51.100.2", a.client().address());
    }

    @Test
    void anAddressTheMachineGetsLaterIsItsOwnWithinSeconds() throws Exception {
        Fakes.MutableClock clock = new Fakes.MutableClock();
        java.util.concurrent.atomic.AtomicReference<Set<InetAddress>> addresses =
                new java.util.concurrent.atomic.AtomicReference<>(Set.of(InetAddress.getByName("192.168.1.10")));
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        HostNames live = new HostNames(() -> {
            lookups.incrementAndGet();
            return new HostNames.Local(addresses.get(), Set.of("mediabox"));
        }, clock);
        assertTrue(live.thisMachine("192.168.1.10:8080", Set.of()));
        assertFalse(live.thisMachine("198.51.100.1:8080", Set.of()));
        addresses.set(Set.of(InetAddress.getByName("192.168.1.10"), InetAddress.getByName("198.51.100.1")));
        assertFalse(live.thisMachine("198.51.100.1:8080", Set.of()), "looked up a moment ago");
        clock.advance(java.time.Duration.ofSeconds(3));
        assertTrue(live.thisMachine("198.51.100.1:8080", Set.of()), "a miss looks again after 2 s");
        int before = lookups.get();
        for (int i = 0; i < 100; i++) {
            live.thisMachine("evil.example", Set.of());
        }
        assertTrue(lookups.get() - before <= 1, "misses do not look the machine up each time");
    }

    @Test
    void httpsAnswersCarryHstsAndPlainHttpOnesDoNot() {
        assertEquals(Optional.of("max-age=31536000"), request("GET", "/", "192.168.1.20", "mediabox", true).hsts());
        assertEquals(Optional.empty(), request("GET", "/", "192.168.1.20", "mediabox", false).hsts());
        FrontDoor off = new FrontDoor(names, Fakes.config(Map.of("hstsMaxAgeSeconds", 0)));
        assertFalse(off.admit(new FrontDoor.Seen("GET", "/", "192.168.1.20", true, "mediabox", List.of(), List.of(),
                List.of())).hsts().isPresent());
    }
}
