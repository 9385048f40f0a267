package org.giggityflix.peer.upnp.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code Configs} is responsible for making {@link UpnpConfig} instances in tests the way DS would: the given
 * properties, the metatype defaults for the rest.
 */
final class Configs {

    private Configs() {
    }

    static UpnpConfig upnp(Map<String, Object> properties) {
        Map<String, Object> values = new HashMap<>(properties);
        return (UpnpConfig) Proxy.newProxyInstance(UpnpConfig.class.getClassLoader(), new Class<?>[] {UpnpConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return UpnpConfig.class;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }

    static UpnpSettings settings(Map<String, Object> properties) {
        return UpnpSettings.from(upnp(properties));
    }
}
