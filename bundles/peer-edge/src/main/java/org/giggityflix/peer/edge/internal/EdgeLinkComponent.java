package org.giggityflix.peer.edge.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.osgi.framework.BundleContext;
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
 * {@code EdgeLinkComponent} is responsible for running the Edge link inside OSGi: it creates an
 * {@link EdgeSession} from the configuration, replaces it when the configuration changes (a new address moves the
 * link without restart), feeds it catalog changes, and publishes {@link EdgeLink} with the service properties
 * {@code edge.state} and {@code edge.address} kept current. (The unary {@code WebRTCOperations} server for Edges
 * that call the peer is its own component, {@link WebRtcServerComponent}.)
 */
@Component(configurationPid = EdgeConstants.PID, service = CatalogListener.class, immediate = true)
@Designate(ocd = EdgeConfig.class)
public final class EdgeLinkComponent implements CatalogListener, EdgeLink {

    private final MediaCatalog catalog;
    private final EdgeCatalog edgeCatalog;
    private final FileHasher hasher;
    private final PeerIdentity identity;
    private static final Logger LOG = LoggerFactory.getLogger(EdgeLinkComponent.class);

    private final ServiceRegistration<EdgeLink> registration;
    private volatile EdgeSession session;

    /** The WebRTC transport when installed: the Edge's signaling is relayed to it, NOT_AVAILABLE without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StreamingTransport.NAME_PROPERTY + "=webrtc)")
    private volatile WebRtcSignaling webrtc;

    /** Screenshots are captured (or reused) by this service when it is installed; without it requests get an error. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ScreenshotService screenshots;

    @Activate
    public EdgeLinkComponent(@Reference(name = "catalog") MediaCatalog catalog,
                             @Reference(name = "edgeCatalog") EdgeCatalog edgeCatalog,
                             @Reference(name = "hasher") FileHasher hasher,
                             @Reference(name = "identity") PeerIdentity identity, BundleContext context, EdgeConfig config,
                             Map<String, ?> properties) {
        warnMovedSettings(properties);
        this.catalog = catalog;
        this.edgeCatalog = edgeCatalog;
        this.hasher = hasher;
        this.identity = identity;
        this.session = withWebRtc(newSession(EdgeSettings.from(config)));
        this.registration = context.registerService(EdgeLink.class, this, properties(session.status()));
        session.start();
    }

    /**
     * A configuration update: the session is replaced only when the link itself changes (address, TLS, timing).
     * Anything else, and the same values written again (an environment import, a settings form saved unchanged),
     * leaves the stream the Edge is talking on alone, so no request in flight loses its answer.
     */
    @Modified
    void modified(EdgeConfig config, Map<String, ?> properties) {
        warnMovedSettings(properties);
        EdgeSettings next = EdgeSettings.from(config);
        if (!session.update(next)) {
            LOG.info("Edge link settings changed: reconnecting to {}", next.address());
            // The old link closes first: the Edge refuses a second stream with the same peer id.
            session.close();
            session = withWebRtc(newSession(next));
            session.start();
            published();
        }
    }

    /**
     * Until 2026-12 the unary WebRTC server read {@code webrtcServer*} keys of this PID; they now belong to
     * {@link EdgeConstants#WEBRTC_SERVER_PID}. An owner who had turned it on would otherwise find it off after an
     * upgrade with nothing saying why.
     */
    private static void warnMovedSettings(Map<String, ?> properties) {
        List<String> moved = movedSettings(properties);
        if (!moved.isEmpty()) {
            LOG.warn("{} in {} are no longer read: the unary WebRTC server has its own settings now, PID {}"
                    + " (enabled, address, port, certPath, keyPath, clientCaPath); move them there",
                    moved, EdgeConstants.PID, EdgeConstants.WEBRTC_SERVER_PID);
        }
    }

    /** The keys of the old {@code webrtcServer*} settings present in {@code properties}, sorted. */
    static List<String> movedSettings(Map<String, ?> properties) {
        return properties.keySet().stream().filter(k -> k.startsWith("webrtcServer")).sorted().toList();
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        session.close();
    }

    private EdgeSession newSession(EdgeSettings settings) {
        return new EdgeSession(settings, catalog, edgeCatalog, hasher, identity.peerId(), identity.dataDir(),
                () -> Optional.ofNullable(screenshots), status -> published());
    }

    private EdgeSession withWebRtc(EdgeSession created) {
        created.webrtc(() -> webrtc);
        return created;
    }

    /** Keeps the service properties current, always from the live session (a closed one's news is stale). */
    private void published() {
        if (registration == null) {
            return;
        }
        try {
            registration.setProperties(properties(session.status()));
        } catch (IllegalStateException e) {
            // Unregistered while stopping: nothing left to update.
        }
    }

    private static Dictionary<String, Object> properties(EdgeStatus status) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EdgeLink.STATE_PROPERTY, status.state().name());
        properties.put(EdgeLink.ADDRESS_PROPERTY, status.address());
        return properties;
    }

    @Override
    public void catalogChanged(List<CatalogChange> changes) {
        session.catalogChanged(changes);
    }

    @Override
    public EdgeStatus status() {
        return session.status();
    }

    @Override
    public void reconnect() {
        session.reconnect();
    }

    @Override
    public void disconnect() {
        session.disconnect();
    }
}
