package org.giggityflix.peer.upnp.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.upnp.PortMapper;
import org.giggityflix.peer.api.upnp.PortMappingStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code UpnpComponent} is responsible for running port mapping inside OSGi: it turns the configuration into a
 * {@link MappingEngine}, works out the wanted ports (HTTP_PORT from pax-web's configuration while an HTTP runtime is
 * registered, plus every service's {@code upnp.ports}), follows changes to both, and publishes {@link PortMapper}
 * with {@code upnp.state} / {@code upnp.externalAddress} kept current. Deactivation removes the mappings.
 */
@Component(configurationPid = UpnpConstants.PID, service = ConfigurationListener.class, immediate = true)
@Designate(ocd = UpnpConfig.class)
public final class UpnpComponent implements PortMapper, ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(UpnpComponent.class);

    private final ConfigurationAdmin configAdmin;
    private final MappingEngine engine;
    private final ServiceTracker<Object, ServiceReference<Object>> tracker;
    private final ServiceRegistration<PortMapper> registration;
    /** Kept by the tracker's customizer, so an added service is already counted when the ports are worked out. */
    private final Set<ServiceReference<Object>> tracked = ConcurrentHashMap.newKeySet();

    @Activate
    public UpnpComponent(BundleContext context, @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                         UpnpConfig config) throws InvalidSyntaxException {
        this.configAdmin = configAdmin;
        UpnpSettings settings = settings(config);
        this.engine = new MappingEngine(settings, UpnpConstants.FIRST_RETRY, UpnpConstants.HTTP_TIMEOUT,
                Clock.systemUTC(), this::published);
        this.registration = context.registerService(PortMapper.class, this, properties(engine.status()));
        this.tracker = new ServiceTracker<>(context, filter(context), new Asks());
        tracker.open(true);
        PortRequests.Wanted wanted = wanted();
        engine.start(wanted.ports(), wanted.problems());
    }

    @Modified
    void modified(UpnpConfig config) {
        engine.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with the bundle.
        }
        engine.stop();
    }

    @Override
    public PortMappingStatus status() {
        return engine.status();
    }

    @Override
    public void retryNow() {
        engine.retryNow();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (UpnpConstants.PAX_WEB_PID.equals(event.getPid())) {
            refreshWanted();
        }
    }

    private static UpnpSettings settings(UpnpConfig config) {
        UpnpSettings settings = UpnpSettings.from(config);
        settings.problems().forEach(p -> LOG.warn("UPnP setting: {}", p));
        return settings;
    }

    /** Services asking for ports, and the HTTP runtimes whose presence means HTTP_PORT is served. */
    private static Filter filter(BundleContext context) throws InvalidSyntaxException {
        String runtimes = UpnpConstants.HTTP_RUNTIME_CLASSES.stream()
                .map(c -> "(" + Constants.OBJECTCLASS + "=" + c + ")").collect(Collectors.joining());
        return context.createFilter("(|(" + PortMapper.PORTS_PROPERTY + "=*)" + runtimes + ")");
    }

    private void refreshWanted() {
        PortRequests.Wanted wanted = wanted();
        engine.want(wanted.ports(), wanted.problems());
    }

    private PortRequests.Wanted wanted() {
        boolean httpRunning = false;
        List<PortRequests.Ask> asks = new ArrayList<>();
        for (ServiceReference<Object> ref : tracked) {
            if (isHttpRuntime(ref)) {
                httpRunning = true;
            }
            Object ports = ref.getProperty(PortMapper.PORTS_PROPERTY);
            if (ports != null) {
                asks.add(new PortRequests.Ask(ports, ref.getBundle() == null ? "service "
                        + ref.getProperty(Constants.SERVICE_ID) : ref.getBundle().getSymbolicName()));
            }
        }
        Optional<Integer> httpPort = Optional.empty();
        List<String> problems = new ArrayList<>();
        if (httpRunning) {
            PortRequests.Http http = PortRequests.http(paxWeb());
            httpPort = http.port();
            http.note().ifPresent(problems::add);
        }
        PortRequests.Wanted wanted = PortRequests.wanted(httpPort, asks);
        problems.addAll(wanted.problems());
        problems.forEach(p -> LOG.warn("UPnP: {}", p));
        return new PortRequests.Wanted(wanted.ports(), problems);
    }

    private static boolean isHttpRuntime(ServiceReference<?> ref) {
        Object classes = ref.getProperty(Constants.OBJECTCLASS);
        if (classes instanceof String[] names) {
            for (String name : names) {
                if (UpnpConstants.HTTP_RUNTIME_CLASSES.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** pax-web's configuration, empty when it has none (its defaults apply). */
    private Map<String, Object> paxWeb() {
        Map<String, Object> values = new HashMap<>();
        try {
            Configuration[] found = configAdmin.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + UpnpConstants.PAX_WEB_PID + ")");
            if (found != null && found.length > 0 && found[0].getProperties() != null) {
                Dictionary<String, Object> properties = found[0].getProperties();
                for (String key : Collections.list(properties.keys())) {
                    values.put(key, properties.get(key));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("UPnP: cannot read pax-web's configuration: {}", e.getMessage());
        }
        return values;
    }

    private void published(PortMappingStatus status) {
        ServiceRegistration<PortMapper> reg = registration;
        if (reg == null) {
            return;
        }
        try {
            reg.setProperties(properties(status));
        } catch (IllegalStateException e) {
            // Unregistered while stopping.
        }
    }

    private static Dictionary<String, Object> properties(PortMappingStatus status) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STATE_PROPERTY, status.state().name());
        status.externalAddress().ifPresent(a -> properties.put(EXTERNAL_ADDRESS_PROPERTY, a));
        return properties;
    }

    /** Follows services that ask for ports or that mean the HTTP server runs; never gets the services. */
    private final class Asks implements ServiceTrackerCustomizer<Object, ServiceReference<Object>> {

        @Override
        public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
            tracked.add(reference);
            refreshWanted();
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, ServiceReference<Object> service) {
            refreshWanted();
        }

        @Override
        public void removedService(ServiceReference<Object> reference, ServiceReference<Object> service) {
            tracked.remove(reference);
            refreshWanted();
        }
    }
}
