package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.scan.WatchStatus;
import org.giggityflix.peer.api.upnp.PortMapper;
import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.api.upnp.PortMappingStatus;
import org.giggityflix.peer.api.web.WebAccess;
import org.osgi.framework.BundleContext;

/**
 * {@code StatusCommand} is responsible for {@code peer:status}: one screen telling the owner who the peer is, what
 * it holds, what the scanner is doing and which plugins are installed.
 *
 * <p>Every service is optional so that the command still says what it can while parts of the peer are missing.
 */
@Service
@Command(scope = "peer", name = "status",
        description = "Shows the peer id, DATA_DIR, database, media dirs, file counts by status, last and next scan, "
                + "scan progress, live watching, hash algorithms, installed providers, the peer's memory (heap, RSS) and "
                + "threads, the Edge link, UPnP port mapping, and the web ports with the HTTPS certificate's SHA-256 "
                + "fingerprint.")
public class StatusCommand implements Action {

    private static final String LINE = "%-17s %s%n";

    @Reference(optional = true)
    PeerIdentity identity;

    @Reference(optional = true)
    MediaScanner scanner;

    @Reference(optional = true)
    MediaCatalog catalog;

    @Reference(optional = true)
    FileHasher hasher;

    @Reference(optional = true)
    EdgeLink edge;

    @Reference(optional = true)
    PortMapper upnp;

    @Reference(optional = true)
    WebAccess web;

    @Reference
    BundleContext bundleContext;

    Clock clock = Clock.systemDefaultZone();

    /** This JVM's memory and threads (replaced in tests). */
    Supplier<JvmMemory> memory = JvmMemory::now;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        printIdentity(out);
        printCatalog(out);
        printScanner(out);
        ProviderServices providers = new ProviderServices(bundleContext);
        line(out, "Hash algorithms", () -> algorithms(providers));
        line(out, "Providers", () -> providers.counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + " (peer:providers lists them)");
        line(out, "Memory", () -> memory.get().line());
        line(out, "Edge", this::edgeLine);
        if (edge != null) {
            edge.status().warning().ifPresent(w -> out.printf(LINE, "Edge WARNING:", w));
        }
        line(out, "UPnP", this::upnpLine);
        line(out, "Web", this::webLine);
        if (web != null) {
            line(out, "HTTPS SHA-256", () -> web.status().https().map(WebAccess.Https::sha256Fingerprint)
                    .orElse("—"));
        }
    }

    /** Ports, HTTPS (or why not) and who gets the owner's face. */
    private String webLine() {
        if (web == null) {
            return "not installed (feature peer-web)";
        }
        WebAccess.Status s = web.status();
        String http = s.httpPort() > 0 ? "http :" + s.httpPort() : "http off";
        String https = s.https().map(h -> "https :" + h.port() + " (certificate until "
                + h.notAfter().toString().substring(0, 10) + ")")
                .orElse(s.httpsProblem().map(p -> "https: " + p).orElse("https off"));
        return http + ", " + https + "; UI and API for home networks only"
                + (s.remoteAdministration() ? ", and over HTTPS from anywhere (remote administration on)" : "")
                + (s.trustedProxies().isEmpty() ? "" : "; trusted proxies " + String.join(", ", s.trustedProxies()));
    }

    private String upnpLine() {
        if (upnp == null) {
            return "not installed (feature peer-upnp)";
        }
        PortMappingStatus s = upnp.status();
        String text = s.state().name().toLowerCase(Locale.ROOT) + ": " + s.summary();
        boolean retrying = s.state() == PortMapperState.NO_GATEWAY || s.state() == PortMapperState.REFUSED;
        return retrying ? text + s.nextAttempt().filter(t -> t.isAfter(clock.instant()))
                .map(t -> "; next try in " + Formats.duration(Duration.between(clock.instant(), t)))
                .orElse("") : text;
    }

    private String algorithms(ProviderServices providers) {
        if (hasher == null) {
            // Without the hasher the registered providers still tell what is installed.
            Set<String> names = providers.hashAlgorithms();
            return (names.isEmpty() ? "none installed" : String.join(", ", names))
                    + " (no FileHasher service: hashing needs the peer-scanner bundle)";
        }
        Set<String> names = new TreeSet<>(hasher.availableAlgorithms());
        return names.isEmpty() ? "none installed (install a HashProvider bundle, e.g. peer-hash-jdk)"
                : String.join(", ", names);
    }

    private String edgeLine() {
        return edge == null ? "not installed" : Formats.edge(edge.status(), clock);
    }

    private void printIdentity(PrintStream out) {
        if (identity == null) {
            line(out, "Peer id", () -> "unknown (no PeerIdentity: check PEER_ID, AUTO_GENERATE_ID and DATA_DIR "
                    + "in the log)");
            return;
        }
        line(out, "Peer id", identity::peerId);
        line(out, "DATA_DIR", () -> identity.dataDir().toString());
    }

    private void printCatalog(PrintStream out) {
        if (catalog == null) {
            line(out, "Catalog", () -> Messages.NO_CATALOG);
            return;
        }
        line(out, "Database", () -> catalog.databaseFile() + " (" + Formats.bytes(catalog.databaseSize()) + ")");
        line(out, "Files", () -> counts(catalog.countByStatus()));
    }

    private static String counts(Map<MediaStatus, Long> byStatus) {
        long total = byStatus.entrySet().stream()
                .filter(e -> e.getKey() != MediaStatus.DELETED).mapToLong(Map.Entry::getValue).sum();
        String each = Arrays.stream(MediaStatus.values())
                .map(s -> Formats.count(byStatus.getOrDefault(s, 0L)) + " " + s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return Formats.count(total) + " present: " + each;
    }

    private void printScanner(PrintStream out) {
        if (scanner == null) {
            line(out, "Scanner", () -> Messages.NO_SCANNER);
            return;
        }
        ScanStatus status;
        try {
            status = scanner.status();
        } catch (RuntimeException e) {
            line(out, "Scanner", () -> "status unavailable: " + e.getMessage());
            return;
        }
        Instant now = clock.instant();
        line(out, "Scanner", () -> status.running() ? "scanning" : "idle");
        status.current().ifPresent(p -> line(out, "  Progress", () -> Formats.progress(p, now)));
        line(out, "  Last scan", () -> status.last().map(r -> Formats.report(r, clock.getZone())).orElse("none yet"));
        // Bad settings (a negative interval, an empty extension list) and unreadable files are in the report.
        status.last().filter(r -> !r.problems().isEmpty()).ifPresent(r -> {
            line(out, "  Problems", () -> r.problems().size() + " in the last scan (peer:scan --wait lists them all)");
            r.problems().stream().limit(5).forEach(p -> out.println("      " + p));
        });
        line(out, "  Next scan", () -> status.nextScheduled()
                .map(t -> Formats.timeRelative(t, now, clock.getZone())).orElse("not scheduled"));
        line(out, "  Live watching", () -> watch(status.watch()));
        printRoots(status, out);
    }

    private static String watch(WatchStatus w) {
        if (!w.enabled()) {
            return "off (changes are found by periodic scans)";
        }
        String text = w.watched() + " folders watched, " + w.unwatched() + " unwatched";
        return w.message().isBlank() ? text : text + " - " + w.message();
    }

    private static void printRoots(ScanStatus status, PrintStream out) {
        if (status.roots().isEmpty()) {
            out.printf(LINE, "Media dirs", "none configured (set MEDIA_DIRS, or mediaDirs in "
                    + "org.giggityflix.peer.scanner)");
            return;
        }
        out.println("Media dirs:");
        ShellTable table = new ShellTable();
        table.column("Folder");
        table.column("State");
        table.column("Problem");
        for (RootStatus root : status.roots()) {
            table.addRow().addContent(root.root().toString(), root.state().name(), root.message());
        }
        table.print(out);
    }

    /** One labelled line; a failing section is reported on its line instead of ending the command. */
    private static void line(PrintStream out, String label, Supplier<String> value) {
        String text;
        try {
            text = value.get();
        } catch (RuntimeException e) {
            text = "unavailable (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        }
        out.printf(LINE, label + ":", text);
    }
}
