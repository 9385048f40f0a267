package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.scan.WatchStatus;
import org.giggityflix.peer.api.upnp.PortMapper;
import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.api.upnp.PortMappingStatus;
import org.giggityflix.peer.api.web.WebAccess;
import org.junit.jupiter.api.Test;

/**
 * {@code StatusCommandTest} is responsible for proving that {@code peer:status} shows every section from the
 * services present and a clear line for each one missing.
 */
class StatusCommandTest {

    private final FakeBundleContext registry = new FakeBundleContext();
    private final Fakes.Catalog catalog = new Fakes.Catalog();
    private final Fakes.Scanner scanner = new Fakes.Scanner();
    private final Fakes.Hasher hasher = new Fakes.Hasher();

    private StatusCommand command() {
        StatusCommand c = new StatusCommand();
        c.bundleContext = registry.context();
        c.clock = Clock.fixed(Fakes.T0.plusSeconds(600), ZoneOffset.UTC);
        return c;
    }

    @Test
    void everySectionFromLiveServices() {
        catalog.files.add(Fakes.file(1, "a.mkv", MediaStatus.READY));
        catalog.files.add(Fakes.file(2, "b.mkv", MediaStatus.READY));
        catalog.files.add(Fakes.file(3, "c.mkv", MediaStatus.PENDING));
        catalog.files.add(Fakes.file(4, "d.mkv", MediaStatus.DELETED));
        ScanProgress totals = new ScanProgress(Fakes.T0, false, 3, 3, 0, 0, 0, 0, 100, 100, Optional.empty());
        ScanProgress running = new ScanProgress(Fakes.T0.plusSeconds(590), false, 7, 1, 0, 0, 0, 0, 50, 200,
                Optional.of(Duration.ofSeconds(20)));
        scanner.status = new ScanStatus(Optional.of(running),
                Optional.of(new ScanReport(totals, Fakes.T0.plusSeconds(65), List.of())),
                Optional.of(Fakes.T0.plusSeconds(3600)),
                List.of(new RootStatus(Path.of("/media/videos"), RootStatus.State.OK, ""),
                        new RootStatus(Path.of("/media/usb"), RootStatus.State.MISSING, "not mounted")),
                new WatchStatus(true, 120, 5, "raise fs.inotify.max_user_watches"));
        registry.register("org.giggityflix.peer.api.hash.HashProvider", new Object(), Map.of(), "h", 5, "1.0.0");
        StatusCommand c = command();
        c.identity = identity();
        c.catalog = catalog;
        c.scanner = scanner;
        c.hasher = hasher;

        String out = Fakes.output(c::run);

        assertContains(out, "Peer id:          peer-9");
        assertContains(out, "DATA_DIR:         /data");
        assertContains(out, "/data/catalog.db (3.0 MiB)");
        assertContains(out, "3 present: 1 pending, 0 processing, 2 ready, 0 error, 1 deleted");
        assertContains(out, "scanning");
        assertContains(out, "Progress:       incremental, running 10s: 7 seen, 1 new");
        assertContains(out, "ETA 20s");
        assertContains(out, "Last scan:      2026-11-25 10:01:05, incremental, took 1m 05s: 3 seen, 3 new");
        assertContains(out, "Next scan:      2026-11-25 11:00:00 (in 50m 00s)");
        assertContains(out, "120 folders watched, 5 unwatched - raise fs.inotify.max_user_watches");
        assertContains(out, "/media/usb");
        assertContains(out, "not mounted");
        assertContains(out, "Hash algorithms:  md5, sha1, sha256");
        assertContains(out, "1 HashProvider, 0 MediaProbe, 0 ThumbnailProvider, 0 FrameSource, 0 StreamingTransport");
        assertContains(out, "Edge:             not installed");
    }

    @Test
    void problemsOfTheLastScanAreShown() {
        ScanProgress totals = new ScanProgress(Fakes.T0, false, 3, 3, 0, 0, 0, 0, 100, 100, Optional.empty());
        scanner.status = new ScanStatus(Optional.empty(),
                Optional.of(new ScanReport(totals, Fakes.T0.plusSeconds(65),
                        List.of("configuration: scanIntervalMinutes must be at least 0, was -5; using 60"))),
                Optional.empty(), List.of(), new WatchStatus(true, 1, 0, ""));
        StatusCommand c = command();
        c.scanner = scanner;

        String out = Fakes.output(c::run);

        assertContains(out, "Problems:       1 in the last scan");
        assertContains(out, "scanIntervalMinutes must be at least 0, was -5; using 60");
    }

    @Test
    void missingServicesAreNamedNotFatal() {
        String out = Fakes.output(command()::run);

        assertContains(out, "Peer id:          unknown");
        assertContains(out, Messages.NO_CATALOG);
        assertContains(out, Messages.NO_SCANNER);
        assertContains(out, "Hash algorithms:  none installed (no FileHasher service");
        assertContains(out, "Edge:             not installed");
    }

    @Test
    void edgeLinkStateAddressErrorsAndCountersAreShown() {
        StatusCommand c = command();
        c.edge = new EdgeLink() {
            @Override
            public EdgeStatus status() {
                return new EdgeStatus(EdgeState.RECONNECTING, "edge.example:50051", Fakes.T0.plusSeconds(540),
                        Optional.of("UNAVAILABLE: connection refused"), 3, new EdgeCounters(10, 12, 1500, 1498, 2));
            }

            @Override
            public void reconnect() {
            }

            @Override
            public void disconnect() {
            }
        };

        String out = Fakes.output(c::run);

        assertContains(out, "Edge:             reconnecting edge.example:50051 since 2026-11-25 10:09:00 (1m 00s ago), "
                + "3 reconnect attempts, last error: UNAVAILABLE: connection refused; messages 10 in / 12 out, "
                + "files 1,500 offered / 1,498 cataloged, 2 requests refused");
    }

    @Test
    void aPlaintextLinkToAnotherMachineIsAWarningOfItsOwn() {
        StatusCommand c = command();
        c.edge = new EdgeLink() {
            @Override
            public EdgeStatus status() {
                return new EdgeStatus(EdgeState.CONNECTED, "192.168.1.20:50051", Fakes.T0, Optional.empty(), 0,
                        new EdgeCounters(0, 0, 0, 0, 0), Optional.of("the link to the Edge at 192.168.1.20:50051 is"
                        + " not encrypted (plaintext over the network): turn on TLS (GRPC_USE_TLS=true, useTls)"));
            }

            @Override
            public void reconnect() {
            }

            @Override
            public void disconnect() {
            }
        };

        String out = Fakes.output(c::run);

        assertContains(out, "Edge WARNING:     the link to the Edge at 192.168.1.20:50051 is not encrypted");
    }

    @Test
    void withoutHasherTheRegisteredHashProvidersAreListed() {
        registry.register("org.giggityflix.peer.api.hash.HashProvider", new Object(), Map.of("algorithm", "sha1"),
                "h", 5, "1.0.0");
        registry.register("org.giggityflix.peer.api.hash.HashProvider", new Object(), Map.of("algorithm", "md5"),
                "h", 5, "1.0.0");

        String out = Fakes.output(command()::run);

        assertContains(out, "Hash algorithms:  md5, sha1 (no FileHasher service");
    }

    @Test
    void failingServiceIsReportedOnItsLine() {
        StatusCommand c = command();
        c.catalog = new Fakes.Catalog() {
            @Override
            public long databaseSize() {
                throw new IllegalStateException("database locked");
            }
        };

        String out = Fakes.output(c::run);

        assertContains(out, "Database:         unavailable (database locked)");
        assertContains(out, "Files:");
    }

    private static PeerIdentity identity() {
        return new PeerIdentity() {
            @Override
            public String peerId() {
                return "peer-9";
            }

            @Override
            public Path dataDir() {
                return Path.of("/data");
            }
        };
    }

    static void assertContains(String out, String expected) {
        assertTrue(out.contains(expected), "expected <" + expected + "> in:\n" + out);
    }

    @Test
    void upnpShowsTheMappingOrWhyNotAndWhenItTriesAgain() {
        StatusCommand c = command();
        String out = Fakes.output(c::run);
        assertContains(out, "UPnP:             not installed (feature peer-upnp)");

        Instant now = Fakes.T0.plusSeconds(600);
        c.upnp = new FixedPortMapper(new PortMappingStatus(
                PortMapperState.NO_GATEWAY, "no UPnP gateway answered within 3 s",
                Optional.empty(), Optional.empty(), List.of(), now, Optional.of(now.plusSeconds(30))));
        out = Fakes.output(c::run);
        assertContains(out, "UPnP:             no_gateway: no UPnP gateway answered within 3 s; next try in 30s");

        c.upnp = new FixedPortMapper(new PortMappingStatus(
                PortMapperState.MAPPED,
                "8080/tcp mapped on Router, external address 203.0.113.7; lease 3600 s, renewed every 1800 s",
                Optional.of("Router"), Optional.of("203.0.113.7"), List.of(), now, Optional.of(now.plusSeconds(1800))));
        out = Fakes.output(c::run);
        assertContains(out, "UPnP:             mapped: 8080/tcp mapped on Router, external address 203.0.113.7;");
    }

    @Test
    void webPortsAndTheHttpsFingerprintTheOwnerComparesWithTheBrowser() {
        StatusCommand c = command();
        String out = Fakes.output(c::run);
        assertContains(out, "Web:              not installed (feature peer-web)");
        String sha = "AB:CD:" + "00:".repeat(29) + "EF";
        c.web = () -> new WebAccess.Status(8080, Optional.of(new WebAccess.Https(8443, sha, "CN=peer",
                Fakes.T0.plusSeconds(86_400 * 365))), Optional.empty(), false, List.of("192.168.0.0/16"), List.of());
        out = Fakes.output(c::run);
        assertContains(out, "Web:              http :8080, https :8443 (certificate until 2027-");
        assertContains(out, "UI and API for home networks only");
        assertContains(out, "HTTPS SHA-256:    " + sha);
        c.web = () -> new WebAccess.Status(8080, Optional.empty(), Optional.of("cannot read the HTTPS certificate"),
                true, List.of(), List.of("127.0.0.1"));
        out = Fakes.output(c::run);
        assertContains(out, "https: cannot read the HTTPS certificate");
        assertContains(out, "remote administration on");
        assertContains(out, "trusted proxies 127.0.0.1");
    }

    /** A PortMapper that always tells the same status. */
    private record FixedPortMapper(PortMappingStatus status)
            implements PortMapper {
        @Override
        public void retryNow() {
        }
    }
}
