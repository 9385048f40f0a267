package org.giggityflix.peer.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EnvironmentImporter} is responsible for writing the environment variables that are set into ConfigAdmin,
 * one update per PID and only when a value differs, so that no component restarts needlessly.
 */
final class EnvironmentImporter {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentImporter.class);

    /** Multi-location binding: the configuration belongs to whichever bundle uses the PID. */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configAdmin;
    private final List<EnvSetting> table;

    EnvironmentImporter(ConfigurationAdmin configAdmin, List<EnvSetting> table) {
        this.configAdmin = configAdmin;
        this.table = List.copyOf(table);
    }

    /** Applies {@code env}; a variable that is absent or blank counts as not set and leaves the setting alone. */
    ImportResult apply(Map<String, String> env) {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Map<String, Map<EnvSetting, Object>> byPid = coerce(env, rejected);
        byPid.forEach((pid, values) -> update(pid, values, written, unchanged));
        return new ImportResult(written, unchanged, rejected);
    }

    private Map<String, Map<EnvSetting, Object>> coerce(Map<String, String> env, List<String> rejected) {
        Map<String, Map<EnvSetting, Object>> byPid = new LinkedHashMap<>();
        for (EnvSetting setting : table) {
            String raw = env.get(setting.variable());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                Object value = setting.type().coerce(raw);
                byPid.computeIfAbsent(setting.pid(), p -> new LinkedHashMap<>()).put(setting, value);
            } catch (IllegalArgumentException e) {
                String line = setting.variable() + "=" + setting.printable(raw) + " " + e.getMessage()
                        + "; keeping the stored " + setting.pid() + " " + setting.property();
                LOG.warn("Ignoring environment variable {}", line);
                rejected.add(line);
            }
        }
        return byPid;
    }

    private void update(String pid, Map<EnvSetting, Object> values, List<String> written, List<String> unchanged) {
        try {
            Configuration config = configAdmin.getConfiguration(pid, ANY_LOCATION);
            Dictionary<String, Object> props = config.getProperties();
            Dictionary<String, Object> next = props == null ? new Hashtable<>() : props;
            List<String> changed = new ArrayList<>();
            values.forEach((setting, value) -> {
                if (sameValue(next.get(setting.property()), value)) {
                    unchanged.add(setting.variable());
                } else {
                    next.put(setting.property(), value);
                    changed.add(setting.variable());
                    LOG.info("{} sets {} {} = {}", setting.variable(), pid, setting.property(),
                            setting.printable(value));
                }
            });
            if (!changed.isEmpty()) {
                config.update(next);
                written.addAll(changed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write environment variables {} into configuration {}: {}",
                    values.keySet().stream().map(EnvSetting::variable).toList(), pid, e.toString());
        }
    }

    /**
     * Compared as text: a value from an {@code etc/*.cfg} file is a String, and "60" versus 60 is no reason to
     * restart a component.
     */
    private static boolean sameValue(Object stored, Object value) {
        return stored != null && String.valueOf(stored).equals(String.valueOf(value));
    }
}
