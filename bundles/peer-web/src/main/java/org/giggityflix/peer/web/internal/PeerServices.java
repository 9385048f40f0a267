package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.karaf.features.FeaturesService;
import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.web.WebAccess;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code PeerServices} is responsible for the peer's services as the web layer sees them: each may come and go
 * while the peer runs (a feature uninstalled, a bundle redeployed), so each is asked for at the moment of use.
 */
@Component(service = PeerServices.class)
public class PeerServices implements Backend {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaScanner scanner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerIdentity identity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EdgeLink edge;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ScreenshotService screenshots;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeaturesService features;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WebAccess webAccess;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokens tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerBackup backup;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<StreamingTransport> transports = new CopyOnWriteArrayList<>();

    @Override
    public Optional<MediaCatalog> catalog() {
        return Optional.ofNullable(catalog);
    }

    @Override
    public Optional<MediaScanner> scanner() {
        return Optional.ofNullable(scanner);
    }

    @Override
    public Optional<PeerIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public Optional<EdgeLink> edge() {
        return Optional.ofNullable(edge);
    }

    @Override
    public Optional<ScreenshotService> screenshots() {
        return Optional.ofNullable(screenshots);
    }

    @Override
    public List<StreamingTransport> transports() {
        return new ArrayList<>(transports);
    }

    @Override
    public Optional<WebAccess> webAccess() {
        return Optional.ofNullable(webAccess);
    }

    @Override
    public Optional<ApiTokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    @Override
    public Optional<PeerBackup> backup() {
        return Optional.ofNullable(backup);
    }

    /** Karaf's features service, when the features bundle runs (not part of {@link Backend}: OSGi-only). */
    Optional<FeaturesService> features() {
        return Optional.ofNullable(features);
    }
}
