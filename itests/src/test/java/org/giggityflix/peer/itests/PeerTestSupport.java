package org.giggityflix.peer.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.giggityflix.peer.testsupport.FreePorts;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TestRule;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code PeerTestSupport} is responsible for booting the built peer distribution once per test class, in its own
 * folders and on free ports of its own (see {@link #port(String)}), and for the helpers every integration test needs: console commands with
 * their output, waiting for services and conditions with a deadline, and generating media trees.
 *
 * <p>Two JVMs are involved. {@link #config()} runs in the test (host) JVM: it creates this class's work folder
 * under {@code target/itest-work/} and hands its paths to the container as system properties. Every other method
 * (the {@code @Before} and the tests) runs inside the booted Karaf, in the probe bundle.
 *
 * <p>Subclasses add options with {@link #extraOptions(Path)} (for instance other Edge settings).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PeerTestSupport {

    /**
     * The prefix of the system properties through which the container learns the ports {@link #config()} chose
     * ({@code peer.itest.port.http}, ...); see {@link #port(String)}.
     */
    public static final String PORT_PROPERTY_PREFIX = "peer.itest.port.";

    public static final String PEER_ID = "itest-peer";

    /** System properties the container sees (set by {@link #config()}). */
    public static final String DATA_DIR_PROPERTY = "peer.itest.dataDir";
    public static final String MEDIA_DIR_PROPERTY = "peer.itest.mediaDir";
    public static final String WORK_DIR_PROPERTY = "peer.itest.workDir";
    public static final String BLAKE3_JAR_PROPERTY = "peer.blake3.jar";
    public static final String TESTEDGE_JAR_PROPERTY = "peer.testedge.jar";
    public static final String TEST_CLASSES_PROPERTY = "peer.itests.testClasses";
    /** Where Surefire writes its reports; a failing test leaves the container's log there ({@link #evidence}). */
    public static final String REPORTS_DIR_PROPERTY = "peer.itests.reportsDir";

    /** Long enough for a cold boot of the boot features on a 2-core machine that other builds keep busy. */
    protected static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * How long pax-exam waits for the container to come up (its default, 3 minutes, is what a cold boot took on a
     * 2-core machine at a load average of 40: "Container never came up").
     */
    private static final Duration CONTAINER_TIMEOUT = Duration.ofMinutes(10);
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String[] JAVA_MODULE_OPTIONS = {
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"};

    public static final String PID_PEER = "org.giggityflix.peer";
    public static final String PID_SCANNER = "org.giggityflix.peer.scanner";
    public static final String PID_EDGE = "org.giggityflix.peer.edge";

    @Inject
    protected BundleContext bundleContext;

    /**
     * When a test fails (its {@code @Before} included), the container's {@code karaf.log} and its users (passwords
     * masked) are kept as {@code target/surefire-reports/<class>-karaf.log}; see {@link EvidenceOnFailure}.
     */
    @Rule
    public final TestRule evidence = evidenceRule();

    private final List<ServiceTracker<Object, Object>> trackers = new ArrayList<>();
    /** Host side: the ports chosen for this class's container, by name, in the order asked. */
    private final Map<String, Integer> chosenPorts = new LinkedHashMap<>();

    // ------------------------------------------------------------------ host side: the container's configuration

    @Configuration
    public Option[] config() throws IOException {
        Path target = Paths.get(hostProperty("peer.itests.target", "target")).toAbsolutePath();
        Path work = target.resolve("itest-work").resolve(getClass().getSimpleName());
        deleteTree(work);
        Path data = Files.createDirectories(work.resolve("data"));
        Path media = Files.createDirectories(work.resolve("media"));

        String distribution = distributionUrl();
        System.err.println("booting " + distribution + " for " + getClass().getSimpleName());
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(distribution)
                        .name("Giggityflix Peer")
                        .unpackDirectory(target.resolve("exam").toFile())
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                systemTimeout(CONTAINER_TIMEOUT.toMillis()),
                logLevel(LogLevel.INFO),
                // The container's own heap: boot features + FFmpeg runtime + a few thousand rows.
                vmOptions("-Xmx768m", "-Djava.awt.headless=true"),
                // What bin/karaf passes on Java 9+ and pax-exam's launcher does not: without java.lang opened,
                // JavaCPP cannot load FFmpeg's natives and the media bundle fails to activate.
                vmOptions(JAVA_MODULE_OPTIONS),

                // Free ports, chosen now: classes (and builds) running at the same time never share one.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(port("ssh"))),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        String.valueOf(port("rmiRegistry"))),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        String.valueOf(port("rmiServer"))),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(port("http"))),

                editConfigurationFilePut("etc/" + PID_PEER + ".cfg", "dataDir", data.toString()),
                editConfigurationFilePut("etc/" + PID_PEER + ".cfg", "peerId", PEER_ID),
                editConfigurationFilePut("etc/" + PID_SCANNER + ".cfg", "mediaDirs", media.toString()),
                // Live changes are picked up after 1 s of quiet instead of 3: same code path, shorter tests.
                editConfigurationFilePut("etc/" + PID_SCANNER + ".cfg", "settleSeconds", "1"),
                editConfigurationFilePut("etc/" + PID_EDGE + ".cfg", "edgeAddress", "localhost:" + port("edge")),
                // Tests never ask a real router for port mappings.
                editConfigurationFilePut("etc/org.giggityflix.peer.upnp.cfg", "enabled", "false"),

                systemProperty(DATA_DIR_PROPERTY).value(data.toString()),
                systemProperty(MEDIA_DIR_PROPERTY).value(media.toString()),
                systemProperty(WORK_DIR_PROPERTY).value(work.toString()),
                systemProperty(BLAKE3_JAR_PROPERTY).value(hostProperty(BLAKE3_JAR_PROPERTY, "")),
                systemProperty(TESTEDGE_JAR_PROPERTY).value(hostProperty(TESTEDGE_JAR_PROPERTY, "")),
                systemProperty(TEST_CLASSES_PROPERTY).value(hostProperty(TEST_CLASSES_PROPERTY,
                        target.resolve("test-classes").toString())),
                systemProperty(REPORTS_DIR_PROPERTY).value(hostProperty(REPORTS_DIR_PROPERTY,
                        target.resolve("surefire-reports").toString()))));
        // The distribution's boot features, with pax-exam's own feature kept out of their stage: during the
        // peer's first boot stage Karaf refreshes core bundles (features.core, pax-logging, fileinstall) and
        // restarts the boot installer; pax-exam's remote bundle context, installed in that same stage, then
        // never registers and the container "never comes up".
        String featuresCfg = DistributionFiles.read(distribution, "/etc/org.apache.karaf.features.cfg")
                .orElseThrow(() -> new IllegalStateException("no etc/org.apache.karaf.features.cfg in " + distribution));
        DistributionFiles.property(featuresCfg, "featuresBoot").ifPresent(boot -> options.add(
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        DistributionFiles.staged(boot))));
        if (Boolean.getBoolean("peer.itests.keep")) {
            // -Dpeer.itests.keep=true keeps target/exam/<uuid>/ (etc/, data/log/karaf.log) for a post-mortem.
            options.add(keepRuntimeFolder());
        }
        options.addAll(extraOptions(work));
        chosenPorts.forEach((name, port) -> options.add(
                systemProperty(PORT_PROPERTY_PREFIX + name).value(String.valueOf(port))));
        System.err.println("ports for " + getClass().getSimpleName() + ": " + chosenPorts);
        return options.toArray(new Option[0]);
    }

    /**
     * The TCP port called {@code name} for this class's container. On the host, while {@link #config()} or
     * {@link #extraOptions(Path)} builds the configuration, the first call chooses a free one (distinct from the
     * class's others); the configuration hands every chosen port to the container as the system property
     * {@code peer.itest.port.<name>}, which the same call reads there. Standard names: {@code ssh},
     * {@code rmiRegistry}, {@code rmiServer}, {@code http} and {@code edge} (where the peer looks for its Edge).
     */
    protected final int port(String name) {
        String chosen = System.getProperty(PORT_PROPERTY_PREFIX + name);
        if (chosen != null) {
            return Integer.parseInt(chosen);
        }
        if (System.getProperty("karaf.base") != null) {
            throw new IllegalStateException("port '" + name + "' was not chosen when the container was configured: "
                    + "ask for it in extraOptions()");
        }
        return chosenPorts.computeIfAbsent(name, n -> FreePorts.take(1, chosenPorts.values()).get(0));
    }

    /** The container's web port (HTTP). */
    protected final int httpPort() {
        return port("http");
    }

    /** Where the peer looks for its Edge ({@code localhost:<port>}); the Edge tests start the test Edge here. */
    protected final int edgePort() {
        return port("edge");
    }

    /** More container options for one test class (host side); {@code work} is the class's work folder. */
    protected List<Option> extraOptions(Path work) throws IOException {
        return List.of();
    }

    /**
     * The distribution this build made: surefire passes the file the reactor resolved; run from an IDE without
     * it, the installed artifact is used.
     */
    private static String distributionUrl() {
        String file = System.getProperty("peer.distribution", "");
        if (!file.isBlank() && !file.startsWith("${") && new File(file).isFile()) {
            return new File(file).toURI().toString();
        }
        MavenArtifactUrlReference url = maven().groupId("org.giggityflix.peer").artifactId("karaf-assembly")
                .version(hostProperty("peer.version", "0.1.0-SNAPSHOT")).type("tar.gz");
        return url.getURL();
    }

    private static String hostProperty(String name, String fallback) {
        String value = System.getProperty(name, "");
        return value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    /**
     * The probe imports nothing statically: packages (peer-api, Karaf shell, OSGi) are wired when first used,
     * because the probe can start before the boot features have installed the peer bundles.
     */
    @ProbeBuilder
    public TestProbeBuilder probeConfiguration(TestProbeBuilder probe) {
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    // ------------------------------------------------------------------ container side

    /** Inside the container, {@link EvidenceOnFailure}; on the host (where no test runs), a rule that does nothing. */
    private static TestRule evidenceRule() {
        String base = System.getProperty("karaf.base");
        String reports = System.getProperty(REPORTS_DIR_PROPERTY);
        if (base == null || reports == null) {
            return (statement, description) -> statement;
        }
        return new EvidenceOnFailure(Path.of(base), Path.of(reports));
    }

    /** Waits until the peer is up: identity, catalog, scanner and the peer:* commands. */
    @Before
    public void awaitPeerReady() throws Exception {
        awaitService("org.giggityflix.peer.api.PeerIdentity", null, BOOT_TIMEOUT);
        awaitService("org.giggityflix.peer.api.catalog.MediaCatalog", null, BOOT_TIMEOUT);
        awaitService("org.giggityflix.peer.api.scan.MediaScanner", null, BOOT_TIMEOUT);
        awaitCommand("peer:status", BOOT_TIMEOUT);
    }

    protected static Path dataDir() {
        return Path.of(System.getProperty(DATA_DIR_PROPERTY));
    }

    /** The media dir the peer was booted with (empty at boot). */
    protected static Path mediaDir() {
        return Path.of(System.getProperty(MEDIA_DIR_PROPERTY));
    }

    /** This class's work folder (holds data/ and media/; tests may add siblings). */
    protected static Path workDir() {
        return Path.of(System.getProperty(WORK_DIR_PROPERTY));
    }

    /** {@code ${karaf.base}}: the unpacked distribution the test runs in. */
    protected static Path karafBase() {
        return Path.of(System.getProperty("karaf.base"));
    }

    // ------------------------------------------------------------------ services

    /** The service, waiting up to {@code timeout} for it; {@code filter} is an extra LDAP filter or null. */
    protected <T> T awaitService(Class<T> type, String filter, Duration timeout) {
        Object service = awaitService(type.getName(), filter, timeout);
        return type.cast(service);
    }

    protected <T> T awaitService(Class<T> type) {
        return awaitService(type, null, TIMEOUT);
    }

    /**
     * The service by class name (no class loading needed), waiting up to {@code timeout}. The service stays
     * acquired until the test method ends: a service factory's object (ConfigurationAdmin's, for one) is invalid
     * once released.
     */
    protected Object awaitService(String className, String filter, Duration timeout) {
        String ldap = "(" + Constants.OBJECTCLASS + "=" + className + ")";
        if (filter != null && !filter.isBlank()) {
            ldap = "(&" + ldap + filter + ")";
        }
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(bundleContext, bundleContext.createFilter(ldap), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + ldap, e);
        }
        tracker.open(true);
        trackers.add(tracker);
        try {
            Object service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                fail("no service " + ldap + " within " + timeout + "\n"
                        + executeCommand("bundle:list -t 0 | grep -i peer"));
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + ldap, e);
        }
    }

    /** Releases the services the test method used. */
    @After
    public void releaseServices() {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }

    /** True when a service matching the class and filter is registered right now. */
    protected boolean hasService(String className, String filter) {
        String ldap = "(" + Constants.OBJECTCLASS + "=" + className + ")";
        if (filter != null && !filter.isBlank()) {
            ldap = "(&" + ldap + filter + ")";
        }
        try {
            return bundleContext.getServiceReferences((String) null, ldap) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + ldap, e);
        }
    }

    /** Bundles whose symbolic name starts with {@code prefix}. */
    protected List<Bundle> bundles(String prefix) {
        return Stream.of(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(prefix))
                .toList();
    }

    // ------------------------------------------------------------------ waiting

    /** Polls {@code condition} every 100 ms until it holds; fails with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for: " + what);
            }
            sleep(100);
        }
    }

    /**
     * Polls {@code value} until {@code accept} says yes and returns that value; on time-out fails with the
     * last value seen (so the failure says what was there instead).
     */
    protected static <T> T awaitValue(String what, Duration timeout, Supplier<T> value,
            java.util.function.Predicate<T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!accept.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for: " + what + "; last seen: " + last);
            }
            sleep(100);
            last = value.get();
        }
        return last;
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ console

    /** Waits until a command (e.g. {@code peer:status}) is registered with the console. */
    protected void awaitCommand(String command, Duration timeout) {
        String name = command.split("\\s+")[0];
        int colon = name.indexOf(':');
        String scope = colon > 0 ? name.substring(0, colon) : "*";
        String function = colon > 0 ? name.substring(colon + 1) : name;
        SessionFactory sessions = sessionFactory();
        await("console command " + name, timeout, () -> sessions.getRegistry().getCommand(scope, function) != null);
    }

    private SessionFactory sessionFactory() {
        return (SessionFactory) awaitService(SessionFactory.class.getName(), null, BOOT_TIMEOUT);
    }

    /** Runs a console command as the admin role and returns what it printed (and its result, if any). */
    protected String executeCommand(String command) {
        return executeCommand(command, TIMEOUT);
    }

    /**
     * Runs a console command as a user with the admin, manager and viewer roles (as Karaf's own itests do) and
     * returns everything it printed to the console, its result and, when it failed, the error message.
     */
    protected String executeCommand(String command, Duration timeout) {
        return executeCommandAs(command, timeout, "admin", "manager", "viewer");
    }

    /**
     * Runs a console command as a user with only {@code roles} (the command ACLs in {@code etc/} decide what it may
     * run) and returns what it printed, as {@link #executeCommand(String, Duration)}.
     */
    protected String executeCommandAs(String command, Duration timeout, String... roles) {
        awaitCommand(command, TIMEOUT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory().create(InputStream.nullInputStream(), out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(roles.length == 0 ? "nobody" : roles[0]));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> result = executor.submit(() -> Subject.doAs(subject,
                    (PrivilegedExceptionAction<String>) () -> {
                        try {
                            Object value = session.execute(command);
                            if (value != null) {
                                out.println(value);
                            }
                        } catch (Exception e) {
                            out.println("Error executing command: " + e.getMessage());
                        }
                        out.flush();
                        return bytes.toString(StandardCharsets.UTF_8);
                    }));
            String output = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            System.err.println("karaf@peer> " + command + "\n" + output);
            return output;
        } catch (TimeoutException e) {
            throw new AssertionError("command did not finish within " + timeout + ": " + command + "\noutput so far:\n"
                    + bytes.toString(StandardCharsets.UTF_8), e);
        } catch (Exception e) {
            throw new AssertionError("command failed: " + command, e);
        } finally {
            executor.shutdownNow();
            session.close();
        }
    }

    // ------------------------------------------------------------------ media and digests

    /** A builder for media trees under {@code root}; see {@link MediaTree}. */
    protected static MediaTree mediaTree(Path root) {
        return new MediaTree(root);
    }

    /** Lower-case hex digest of a file, computed here with the JDK ({@code MD5}, {@code SHA-1}, ...). */
    protected static String digest(Path file, String jdkAlgorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(jdkAlgorithm);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError("cannot digest " + file, e);
        }
    }

    /**
     * True when the {@code ffmpeg} command is installed (to make real tiny videos); under CI ({@code CI=true}) a
     * missing one fails the test instead (test-support's {@link Tools}).
     */
    protected static boolean ffmpegAvailable() {
        return Tools.present(Tool.FFMPEG);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The probe's own bundle (for diagnostics). */
    protected Bundle probeBundle() {
        Bundle bundle = FrameworkUtil.getBundle(getClass());
        assertNotNull(bundle);
        return bundle;
    }
}
