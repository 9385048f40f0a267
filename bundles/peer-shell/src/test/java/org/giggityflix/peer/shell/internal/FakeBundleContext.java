package org.giggityflix.peer.shell.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * {@code FakeBundleContext} is responsible for a service registry in tests: services registered by class name with
 * properties and an owning bundle. Dynamic proxies answer only what the commands call.
 */
final class FakeBundleContext {

    private record Registration(String className, Object service, Map<String, Object> props, Bundle bundle) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private final Map<ServiceReference<?>, Registration> byRef = new IdentityHashMap<>();
    int ungets;

    void register(String className, Object service, Map<String, Object> props, String bsn, long id,
                  String version) {
        registrations.add(new Registration(className, service, props, bundle(bsn, id, version)));
    }

    BundleContext context() {
        return proxy(BundleContext.class, (method, args) -> switch (method) {
            case "getServiceReferences" -> {
                ServiceReference<?>[] refs = registrations.stream()
                        .filter(r -> r.className().equals(args[0])).map(this::reference)
                        .toArray(ServiceReference<?>[]::new);
                yield refs.length == 0 ? null : refs;
            }
            case "getServiceReference" -> registrations.stream()
                    .filter(r -> r.className().equals(args[0])).map(this::reference).findFirst().orElse(null);
            case "getService" -> byRef.get(args[0]).service();
            case "ungetService" -> {
                ungets++;
                yield true;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private ServiceReference<?> reference(Registration r) {
        ServiceReference<?> ref = proxy(ServiceReference.class, (method, args) -> switch (method) {
            case "getProperty" -> r.props().get((String) args[0]);
            case "getBundle" -> r.bundle();
            default -> throw new UnsupportedOperationException(method);
        });
        byRef.put(ref, r);
        return ref;
    }

    private static Bundle bundle(String bsn, long id, String version) {
        return proxy(Bundle.class, (method, args) -> switch (method) {
            case "getSymbolicName" -> bsn;
            case "getBundleId" -> id;
            case "getVersion" -> Version.parseVersion(version);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    interface Handler {
        Object call(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> handler.call(m.getName(), a == null ? new Object[0] : a)));
    }
}
