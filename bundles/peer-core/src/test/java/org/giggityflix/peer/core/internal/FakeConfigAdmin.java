package org.giggityflix.peer.core.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code FakeConfigAdmin} is responsible for standing in for ConfigAdmin in tests: it keeps properties per PID and
 * counts updates. Built on dynamic proxies so it answers only what the code under test calls.
 */
final class FakeConfigAdmin {

    final Map<String, Hashtable<String, Object>> stored = new HashMap<>();
    final Map<String, Integer> updates = new HashMap<>();
    final Map<String, String> locations = new HashMap<>();

    ConfigurationAdmin admin() {
        return proxy(ConfigurationAdmin.class, (method, args) -> {
            if (method.equals("getConfiguration") && args.length == 2) {
                locations.put((String) args[0], (String) args[1]);
                return configuration((String) args[0]);
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private Configuration configuration(String pid) {
        return proxy(Configuration.class, (method, args) -> switch (method) {
            case "getPid" -> pid;
            case "getProperties" -> copy(stored.get(pid));
            case "update" -> {
                @SuppressWarnings("unchecked")
                Dictionary<String, Object> props = (Dictionary<String, Object>) args[0];
                stored.put(pid, copy(props));
                updates.merge(pid, 1, Integer::sum);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    /** ConfigAdmin hands out copies; so does the fake, so in-place edits without update() are not seen. */
    private static Hashtable<String, Object> copy(Dictionary<String, Object> props) {
        if (props == null) {
            return null;
        }
        Hashtable<String, Object> copy = new Hashtable<>();
        for (var keys = props.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            copy.put(key, props.get(key));
        }
        return copy;
    }

    interface Handler {
        Object call(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> handler.call(m.getName(), a == null ? new Object[0] : a)));
    }
}
