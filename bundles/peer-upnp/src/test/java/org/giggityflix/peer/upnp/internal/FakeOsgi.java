package org.giggityflix.peer.upnp.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code FakeOsgi} is responsible for standing in for the framework in {@code UpnpComponentTest}: a service registry
 * good enough for a {@code ServiceTracker} with a filter (listeners, initial references, property changes), the
 * {@code PortMapper} registration's properties, and a ConfigurationAdmin holding pax-web's configuration.
 */
final class FakeOsgi {

    /** One registered service. */
    final class Registered {
        final ServiceReference<Object> reference;
        final Map<String, Object> properties;

        Registered(Map<String, Object> properties, String bundle) {
            this.properties = new ConcurrentHashMap<>(properties);
            this.properties.put(Constants.SERVICE_ID, ids.incrementAndGet());
            this.reference = proxy(ServiceReference.class, (p, m, a) -> switch (m.getName()) {
                case "getProperty" -> this.properties.get((String) a[0]);
                case "getPropertyKeys" -> this.properties.keySet().toArray(String[]::new);
                case "getProperties" -> new Hashtable<>(this.properties);
                case "getBundle" -> bundle(bundle);
                case "compareTo" -> 0;
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == a[0];
                case "toString" -> "ref" + this.properties;
                default -> null;
            });
        }

        void setProperties(Map<String, Object> changed) {
            properties.putAll(changed);
            fire(ServiceEvent.MODIFIED, this);
        }

        void unregister() {
            services.remove(this);
            fire(ServiceEvent.UNREGISTERING, this);
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<Registered> services = new CopyOnWriteArrayList<>();
    private final Map<ServiceListener, Filter> listeners = new ConcurrentHashMap<>();
    /** The properties the component last published on its PortMapper registration. */
    final Map<String, Object> published = new ConcurrentHashMap<>();
    /** pax-web's configuration; null means none. */
    volatile Map<String, Object> paxWeb;

    final BundleContext context = proxy(BundleContext.class, (p, m, a) -> switch (m.getName()) {
        case "createFilter" -> FrameworkUtil.createFilter((String) a[0]);
        case "addServiceListener" -> {
            listeners.put((ServiceListener) a[0], a.length > 1 && a[1] != null
                    ? FrameworkUtil.createFilter((String) a[1]) : FrameworkUtil.createFilter("(objectClass=*)"));
            yield null;
        }
        case "removeServiceListener" -> {
            listeners.remove(a[0]);
            yield null;
        }
        case "getAllServiceReferences", "getServiceReferences" -> {
            Filter filter = a[1] == null ? null : FrameworkUtil.createFilter((String) a[1]);
            List<ServiceReference<?>> refs = new ArrayList<>();
            for (Registered r : services) {
                if (filter == null || filter.match(r.reference)) {
                    refs.add(r.reference);
                }
            }
            yield refs.isEmpty() ? null : refs.toArray(ServiceReference[]::new);
        }
        case "registerService" -> registration();
        case "hashCode" -> System.identityHashCode(p);
        case "equals" -> p == a[0];
        default -> null;
    });

    final ConfigurationAdmin configAdmin = proxy(ConfigurationAdmin.class, (p, m, a) -> switch (m.getName()) {
        case "listConfigurations" -> {
            Map<String, Object> values = paxWeb;
            if (values == null) {
                yield null;
            }
            Configuration configuration = proxy(Configuration.class, (cp, cm, ca) -> switch (cm.getName()) {
                case "getProperties" -> new Hashtable<>(values);
                case "getPid" -> UpnpConstants.PAX_WEB_PID;
                default -> null;
            });
            yield new Configuration[] {configuration};
        }
        default -> null;
    });

    Registered register(String objectClass, Map<String, Object> properties, String bundle) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put(Constants.OBJECTCLASS, new String[] {objectClass});
        Registered registered = new Registered(all, bundle);
        services.add(registered);
        fire(ServiceEvent.REGISTERED, registered);
        return registered;
    }

    private void fire(int type, Registered registered) {
        for (Map.Entry<ServiceListener, Filter> listener : listeners.entrySet()) {
            if (listener.getValue().match(registered.reference)) {
                listener.getKey().serviceChanged(new ServiceEvent(type, registered.reference));
            }
        }
    }

    private ServiceRegistration<?> registration() {
        return proxy(ServiceRegistration.class, (p, m, a) -> {
            if (m.getName().equals("setProperties")) {
                Dictionary<?, ?> d = (Dictionary<?, ?>) a[0];
                published.clear();
                for (Object key : Collections.list(d.keys())) {
                    published.put((String) key, d.get(key));
                }
            }
            return null;
        });
    }

    private static Bundle bundle(String symbolicName) {
        return proxy(Bundle.class, (p, m, a) -> m.getName().equals("getSymbolicName") ? symbolicName : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeOsgi.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
