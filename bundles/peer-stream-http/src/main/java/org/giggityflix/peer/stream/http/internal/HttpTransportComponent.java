package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.media.SubtitleProvider;
import org.giggityflix.peer.api.stream.SignedLinks;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.api.web.PeerWebContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HttpTransportComponent} is responsible for running the HTTP transport inside OSGi: it loads (or makes) the
 * link secret under DATA_DIR, registers the signed-link servlet in the default HTTP Whiteboard context and the
 * player page's info and its WebRTC signaling in the owner's {@code giggityflix} context, follows the installed
 * {@link SubtitleProvider}s (the best-ranked one handling a file reads its subtitles), publishes
 * {@link StreamingTransport} ({@code transport=http}) and {@link SignedLinks}, and on deactivation unregisters the
 * servlets and stops every transfer.
 */
@Component(configurationPid = HttpStreamConstants.PID, service = {StreamingTransport.class, SignedLinks.class},
        property = StreamingTransport.NAME_PROPERTY + "=" + HttpStreamConstants.TRANSPORT, immediate = true)
@Designate(ocd = HttpStreamConfig.class)
public final class HttpTransportComponent implements StreamingTransport, SignedLinks {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransportComponent.class);
    private static final long SWEEP_SECONDS = 10;

    private final LinkSigner signer;
    private final Transfers transfers;
    private final SignalingServlet signaling;
    private final ScheduledExecutorService sweeper;
    private final List<ServiceRegistration<Servlet>> servlets = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private volatile HttpStreamConfig config;

    /** The WebRTC transport when installed: the player page signals to it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + StreamingTransport.NAME_PROPERTY + "=webrtc)")
    private volatile WebRtcSignaling webrtc;

    /** Installed subtitle readers, best ranking first. */
    private final Map<ServiceReference<SubtitleProvider>, SubtitleProvider> subtitleProviders =
            new ConcurrentSkipListMap<>(java.util.Collections.reverseOrder());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSubtitleProvider(ServiceReference<SubtitleProvider> reference, SubtitleProvider provider) {
        subtitleProviders.put(reference, provider);
    }

    void removeSubtitleProvider(ServiceReference<SubtitleProvider> reference) {
        subtitleProviders.remove(reference);
    }

    @Activate
    public HttpTransportComponent(@Reference(name = "catalog") MediaCatalog catalog,
                                  @Reference(name = "identity") PeerIdentity identity, BundleContext context,
                                  HttpStreamConfig config) throws IOException {
        this.config = config;
        this.signer = LinkSigner.load(identity.dataDir());
        this.transfers = new Transfers(() -> Math.max(1, Math.min(256, this.config.maxTransfers())));
        this.signaling = new SignalingServlet(() -> webrtc, new SignalingChannels(clock,
                () -> Math.min(32, this.config.maxSignalingSessionsPerUser()),
                () -> Math.min(3600, this.config.signalingIdleSeconds())));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "giggityflix-signaling-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        LinkGate gate = new LinkGate(signer, catalog::find, clock);
        Subtitles subtitles = new Subtitles(this::subtitleProvider);
        register(context, new StreamServlet(gate, new FileSender(transfers), subtitles),
                HttpStreamConstants.STREAM_PATH + "/*", null);
        register(context, new PlayerServlet(catalog::find, new PlayerServlet.Links() {
            @Override
            public String file(long luid) {
                return signedPath(luid, Duration.ofSeconds(HttpTransportComponent.this.config.linkValiditySec()));
            }

            @Override
            public String subtitles(long luid, int stream) {
                return signer.subtitlePath(luid, stream, expiry(
                        Duration.ofSeconds(HttpTransportComponent.this.config.linkValiditySec())));
            }
        }, subtitles, List::of), HttpStreamConstants.INFO_PATH, PeerWebContext.CONTEXT_SELECT);
        register(context, signaling, HttpStreamConstants.SIGNAL_PATH + "/*", PeerWebContext.CONTEXT_SELECT);
        LOG.info("HTTP streaming ready: signed links under {}/, player page {}?id=<luid>",
                HttpStreamConstants.STREAM_PATH, HttpStreamConstants.PLAY_PATH);
    }

    /** The best-ranked installed subtitle reader for {@code file}'s extension. */
    private Optional<SubtitleProvider> subtitleProvider(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot);
        return subtitleProviders.values().stream().filter(p -> p.extensions().contains(extension)).findFirst();
    }

    private void register(BundleContext context, Servlet servlet, String pattern, String contextSelect) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", pattern);
        properties.put("osgi.http.whiteboard.servlet.name", "giggityflix-stream" + pattern.replace("/*", ""));
        if (contextSelect != null) {
            properties.put("osgi.http.whiteboard.context.select", contextSelect);
        }
        servlets.add(context.registerService(Servlet.class, servlet, properties));
    }

    @Modified
    void modified(HttpStreamConfig changed) {
        this.config = changed;
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Servlet> r : servlets) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        sweeper.shutdownNow();
        transfers.close();
        signaling.close();
    }

    private void sweep() {
        try {
            signaling.sweep();
        } catch (RuntimeException e) {
            LOG.warn("freeing abandoned player sessions failed: {}", e.toString());
        }
    }

    @Override
    public String name() {
        return HttpStreamConstants.TRANSPORT;
    }

    @Override
    public List<StreamSession> sessions() {
        return transfers.sessions();
    }

    @Override
    public boolean stop(String sessionId) {
        return transfers.stop(sessionId);
    }

    @Override
    public String signedPath(long luid, Duration validFor) {
        return signer.path(luid, expiry(validFor));
    }

    private long expiry(Duration validFor) {
        long seconds = Math.max(60, Math.min(validFor.toSeconds(), Math.max(60, config.maxLinkValiditySec())));
        return clock.instant().getEpochSecond() + seconds;
    }
}
