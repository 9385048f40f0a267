package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OsgiProviders} is responsible for listing plugin services, bundles and peer-* features from the running
 * framework, and for installing or removing those features on its own thread (a feature change takes seconds).
 */
@Component(service = Providers.class)
public final class OsgiProviders implements Providers {

    private static final Logger LOG = LoggerFactory.getLogger(OsgiProviders.class);

    private static final List<Class<?>> TYPES = List.of(HashProvider.class, MediaProbe.class,
            ThumbnailProvider.class, ScreenshotService.class, StreamingTransport.class);

    /** Features the UI must not remove (it would remove the page asking). */
    private static final Set<String> PROTECTED = Set.of("peer-web");

    private final BundleContext context;
    private final PeerServices services;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peer-web-features");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();

    @Activate
    public OsgiProviders(BundleContext context, @Reference PeerServices services) {
        this.context = context;
        this.services = services;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public List<Map<String, Object>> services() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Class<?> type : TYPES) {
            List<Map<String, Object>> ofType = new ArrayList<>();
            for (ServiceReference<?> ref : references(type.getName())) {
                Bundle bundle = ref.getBundle();
                ofType.add(Json.obj("type", type.getSimpleName(), "name", name(type, ref),
                        "ranking", ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                        "bundle", bundle == null ? null : bundle.getSymbolicName(),
                        "bundleId", bundle == null ? null : bundle.getBundleId(),
                        "version", bundle == null ? null : bundle.getVersion().toString()));
            }
            ofType.sort(Comparator.comparing((Map<String, Object> m) -> -((Integer) m.get("ranking")))
                    .thenComparing(m -> String.valueOf(m.get("name"))));
            all.addAll(ofType);
        }
        return all;
    }

    @Override
    public List<Map<String, Object>> bundles() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            list.add(Json.obj("id", b.getBundleId(), "symbolicName", b.getSymbolicName(),
                    "version", b.getVersion().toString(), "state", state(b.getState()),
                    "peer", b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.giggityflix.")));
        }
        return list;
    }

    @Override
    public Optional<List<Map<String, Object>>> features() {
        Optional<FeaturesService> fs = services.features();
        if (fs.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Map<String, Object>> list = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            Feature[] all = fs.get().listFeatures();
            Arrays.sort(all, Comparator.comparing(Feature::getName));
            for (Feature f : all) {
                if (!f.getName().startsWith(WebConstants.FEATURE_PREFIX) || !seen.add(f.getName())) {
                    continue;
                }
                list.add(Json.obj("name", f.getName(), "version", f.getVersion(), "description",
                        f.getDescription(), "installed", fs.get().isInstalled(f),
                        "pending", pending.get(f.getName()), "lastError", lastError.get(f.getName()),
                        "removable", !PROTECTED.contains(f.getName())));
            }
            return Optional.of(list);
        } catch (Exception e) {
            LOG.warn("could not list features: {}", e.toString());
            return Optional.of(List.of());
        }
    }

    @Override
    public Change change(String feature, boolean install) {
        if (!feature.matches("peer-[a-z0-9][a-z0-9-]*")) {
            return new Change(400, "Only peer-* features can be changed here.");
        }
        Optional<FeaturesService> fs = services.features();
        if (fs.isEmpty()) {
            return new Change(503, "Karaf's features service is not running.");
        }
        try {
            Feature[] found = fs.get().getFeatures(feature);
            if (found == null || found.length == 0) {
                return new Change(404, "No feature named " + feature + ".");
            }
        } catch (Exception e) {
            return new Change(500, "Could not look up " + feature + ": " + e.getMessage());
        }
        if (!install && PROTECTED.contains(feature)) {
            return new Change(409, feature + " serves this page; remove it from the console (feature:uninstall).");
        }
        String action = install ? "installing" : "uninstalling";
        if (pending.putIfAbsent(feature, action) != null) {
            return new Change(409, feature + " is already " + pending.get(feature) + ".");
        }
        lastError.remove(feature);
        try {
            worker.execute(() -> run(fs.get(), feature, install));
        } catch (RejectedExecutionException e) {
            pending.remove(feature);
            return new Change(503, "The web bundle is stopping.");
        }
        return new Change(202, "Started " + action + " " + feature + ".");
    }

    private void run(FeaturesService fs, String feature, boolean install) {
        try {
            if (install) {
                fs.installFeature(feature, EnumSet.noneOf(FeaturesService.Option.class));
            } else {
                fs.uninstallFeature(feature, EnumSet.noneOf(FeaturesService.Option.class));
            }
            LOG.info("web: {} {}", install ? "installed" : "uninstalled", feature);
        } catch (Exception e) {
            lastError.put(feature, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn("web: could not {} {}: {}", install ? "install" : "uninstall", feature, e.toString());
        } finally {
            pending.remove(feature);
        }
    }

    private List<ServiceReference<?>> references(String className) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(className, null);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    private String name(Class<?> type, ServiceReference<?> ref) {
        Object property = ref.getProperty(type == HashProvider.class ? HashProvider.ALGORITHM_PROPERTY
                : type == StreamingTransport.class ? StreamingTransport.NAME_PROPERTY : "component.name");
        if (property != null && (type == HashProvider.class || type == StreamingTransport.class)) {
            return property.toString();
        }
        Object service = null;
        try {
            service = context.getService(ref);
            if (service instanceof MediaProbe probe) {
                return String.join(" ", new TreeSet<>(probe.extensions()));
            }
            if (service instanceof ThumbnailProvider thumbs) {
                return String.join(" ", new TreeSet<>(thumbs.extensions()));
            }
            if (service instanceof HashProvider hash) {
                return hash.algorithm();
            }
            if (service instanceof StreamingTransport transport) {
                return transport.name();
            }
            return property == null ? type.getSimpleName() : property.toString();
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        } finally {
            if (service != null) {
                context.ungetService(ref);
            }
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            default -> "Uninstalled";
        };
    }
}
