package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.web.internal.ConfigSource.Field;
import org.giggityflix.peer.web.internal.ConfigSource.FieldType;
import org.giggityflix.peer.web.internal.ConfigSource.Pid;

/**
 * {@code ConfigResource} is responsible for the settings pages' API: {@code GET config} (every PID the metatype
 * describes), {@code GET config/{pid}} (its fields and values, passwords masked) and {@code PUT config/{pid}}
 * (validated against the metatype as a whole: one invalid value and nothing is stored).
 */
final class ConfigResource {

    private final ConfigSource config;

    ConfigResource(ConfigSource config) {
        this.config = config;
    }

    ApiResponse handle(ApiRequest r) {
        int n = r.segments().size();
        if (n == 1 && ApiSupport.reads(r)) {
            return configList();
        }
        if (n == 2 && ApiSupport.reads(r)) {
            return configPid(r.segment(1));
        }
        if (n == 2 && (r.method().equals("PUT") || r.method().equals("POST") || r.method().equals("PATCH"))) {
            return configUpdate(r.segment(1), r.body());
        }
        return n == 2 ? ApiSupport.notAllowed() : ApiSupport.notFound();
    }

    private ApiResponse configList() {
        List<Map<String, Object>> out = new ArrayList<>();
        config.pids().forEach(p -> out.add(pidJson(p)));
        return ApiResponse.ok(Json.obj("pids", out));
    }

    private ApiResponse configPid(String pid) {
        checkPid(pid);
        return config.describe(pid).map(p -> ApiResponse.ok(pidJson(p)))
                .orElseGet(() -> ApiResponse.error(404, "No settings described for PID " + pid + "."));
    }

    private ApiResponse configUpdate(String pid, String body) {
        checkPid(pid);
        Optional<Pid> described = config.describe(pid);
        if (described.isEmpty()) {
            return ApiResponse.error(404, "No settings described for PID " + pid + ".");
        }
        Map<String, Object> submitted = ApiSupport.object(body);
        Object values = submitted.containsKey("values") ? submitted.get("values") : submitted;
        if (!(values instanceof Map)) {
            throw new ApiSupport.BadRequest("Send {\"values\": {\"field\": value, …}}.");
        }
        @SuppressWarnings("unchecked")
        ConfigValidator.Result result = ConfigValidator.validate(described.get(), (Map<String, Object>) values);
        if (!result.ok()) {
            return ApiResponse.json(400, Json.obj("error", "Some values are not valid; nothing was changed.",
                    "status", 400, "fields", result.errors()));
        }
        try {
            config.update(pid, result.values());
        } catch (IOException e) {
            return ApiResponse.error(500, "Could not store the settings: " + e.getMessage());
        }
        Map<String, Object> out = pidJson(described.get());
        out.put("values", masked(described.get(), merged(described.get(), result.values())));
        out.put("message", "Saved; the change applies without restart.");
        return ApiResponse.ok(out);
    }

    private Map<String, Object> merged(Pid pid, Map<String, Object> changes) {
        Map<String, Object> current = currentValues(pid);
        current.putAll(changes);
        return current;
    }

    private static void checkPid(String pid) {
        if (!pid.matches("[A-Za-z0-9._-]{1,200}") || pid.contains("..")) {
            throw new ApiSupport.BadRequest("Not a PID: '" + pid + "'.");
        }
    }

    private Map<String, Object> pidJson(Pid p) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : p.fields()) {
            List<Map<String, Object>> options = new ArrayList<>();
            f.options().forEach(o -> options.add(Json.obj("value", o.value(), "label", o.label())));
            fields.add(Json.obj("id", f.id(), "name", f.name(), "description", f.description(),
                    "type", f.type().name().toLowerCase(Locale.ROOT), "cardinality", f.cardinality(),
                    "default", f.type() == FieldType.PASSWORD ? null : defaultValue(f), "options", options));
        }
        Map<String, Object> out = Json.obj("pid", p.pid(), "name", p.name(), "description", p.description(),
                "fields", fields);
        out.put("values", masked(p, currentValues(p)));
        return out;
    }

    private static Object defaultValue(Field f) {
        if (f.cardinality() == 0) {
            return f.defaults().isEmpty() ? null : f.defaults().get(0);
        }
        return String.join(",", f.defaults());
    }

    /** Stored values of the described fields, defaults where nothing is stored. */
    private Map<String, Object> currentValues(Pid p) {
        Map<String, Object> stored = config.values(p.pid());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : p.fields()) {
            Object v = stored.get(f.id());
            if (v == null) {
                out.put(f.id(), defaultValue(f));
            } else if (v.getClass().isArray()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                    parts.add(String.valueOf(java.lang.reflect.Array.get(v, i)));
                }
                out.put(f.id(), String.join(",", parts));
            } else if (v instanceof Iterable<?> it) {
                List<String> parts = new ArrayList<>();
                it.forEach(x -> parts.add(String.valueOf(x)));
                out.put(f.id(), String.join(",", parts));
            } else {
                out.put(f.id(), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
            }
        }
        return out;
    }

    private static Map<String, Object> masked(Pid p, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (Field f : p.fields()) {
            if (f.type() == FieldType.PASSWORD && out.get(f.id()) != null && !String.valueOf(out.get(f.id())).isEmpty()) {
                out.put(f.id(), ConfigValidator.MASK);
            }
        }
        return out;
    }
}
