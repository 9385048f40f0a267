package org.giggityflix.peer.screenshots.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.ScreenshotIndex;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.osgi.common.Ranked;
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
 * {@code ScreenshotServiceComponent} is responsible for running the {@link ScreenshotService} inside OSGi: the cache
 * under {@code DATA_DIR/screenshots} (reconciled with the catalog's index on start), the hot-deployable thumbnail
 * providers and probes, the owner's settings (applied without restart), and the catalog's content changes that
 * orphan cached pictures.
 */
@Component(service = {ScreenshotService.class, CatalogListener.class}, configurationPid = ScreenshotsConstants.PID,
        immediate = true)
@Designate(ocd = ScreenshotsConfig.class)
public final class ScreenshotServiceComponent implements ScreenshotService, CatalogListener {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotServiceComponent.class);

    private final Codecs<ThumbnailProvider> providers = new Codecs<>(ThumbnailProvider::extensions);
    private final Codecs<MediaProbe> probes = new Codecs<>(MediaProbe::extensions);
    private final ScreenshotCache cache;
    private final Screenshooter screenshooter;
    private final ExecutorService housekeeping;
    private volatile Screenshooter.Settings settings;

    @Activate
    public ScreenshotServiceComponent(@Reference(name = "catalog") MediaCatalog catalog,
                                      @Reference(name = "index") ScreenshotIndex index,
                                      @Reference(name = "identity") PeerIdentity identity,
                                      ScreenshotsConfig config) {
        this.settings = settings(config);
        this.cache = new ScreenshotCache(identity.dataDir().resolve(ScreenshotsConstants.DIRECTORY), index,
                Clock.systemUTC());
        this.screenshooter = new Screenshooter(catalog, cache, providers, probes, () -> settings);
        this.housekeeping = Executors.newSingleThreadExecutor(r -> new Thread(r, "giggityflix-screenshot-cache"));
        housekeeping.execute(() -> {
            cache.reconcile();
            cache.evict(settings.cacheBytes(), Set.of());
        });
        LOG.info("screenshot cache {} (at most {} MB)", cache.directory(), config.cacheSizeMb());
    }

    @Modified
    void modified(ScreenshotsConfig config) {
        settings = settings(config);
        LOG.info("screenshot settings now {}", settings);
        housekeep(() -> cache.evict(settings.cacheBytes(), Set.of()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        housekeeping.shutdownNow();
        housekeeping.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Screenshooter.Settings settings(ScreenshotsConfig config) {
        int megabytes = config.cacheSizeMb();
        if (megabytes < 1) {
            LOG.warn("cacheSizeMb {} is below 1; using 1", megabytes);
            megabytes = 1;
        }
        String preferred = config.preferredProvider() == null ? "" : config.preferredProvider().strip();
        return new Screenshooter.Settings(megabytes * 1024L * 1024L, preferred);
    }

    @Override
    public ScreenshotSet screenshots(long luid, int count) throws ScreenshotException {
        return screenshooter.screenshots(luid, count);
    }

    /** A changed file's pictures lost their rows in the same commit: delete the JPEGs too. */
    @Override
    public void catalogChanged(List<CatalogChange> changes) {
        for (CatalogChange change : changes) {
            if (change.kind() == CatalogChange.Kind.CHANGED) {
                long luid = change.file().luid();
                housekeep(() -> cache.forgetOrphans(luid));
            }
        }
    }

    private void housekeep(Runnable work) {
        try {
            housekeeping.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("screenshot cache housekeeping failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("screenshot cache stopping; skipped housekeeping");
        }
    }

    @Reference(service = ThumbnailProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProvider", updated = "updateProvider")
    void addProvider(ThumbnailProvider provider, Map<String, Object> properties) {
        providers.add(Ranked.of(provider, properties));
    }

    void updateProvider(ThumbnailProvider provider, Map<String, Object> properties) {
        providers.add(Ranked.of(provider, properties));
    }

    void removeProvider(ThumbnailProvider provider) {
        providers.remove(provider);
    }

    @Reference(service = MediaProbe.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProbe", updated = "updateProbe")
    void addProbe(MediaProbe probe, Map<String, Object> properties) {
        probes.add(Ranked.of(probe, properties));
    }

    void updateProbe(MediaProbe probe, Map<String, Object> properties) {
        probes.add(Ranked.of(probe, properties));
    }

    void removeProbe(MediaProbe probe) {
        probes.remove(probe);
    }
}
