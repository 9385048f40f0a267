package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code MetatypeConfigSource} is responsible for reading the peer's settings descriptions from the MetaTypeService
 * (every bundle's metatype, PIDs starting with {@value WebConstants#PID_PREFIX}) and their values from ConfigAdmin.
 */
@Component(service = ConfigSource.class)
public final class MetatypeConfigSource implements ConfigSource {

    private final MetaTypeService metaType;
    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;

    @Activate
    public MetatypeConfigSource(@Reference MetaTypeService metaType, @Reference ConfigurationAdmin configAdmin,
                                BundleContext context) {
        this.metaType = metaType;
        this.configAdmin = configAdmin;
        this.context = context;
    }

    @Override
    public List<Pid> pids() {
        Map<String, Pid> found = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                if (pid.equals(WebConstants.PID_PREFIX) || pid.startsWith(WebConstants.PID_PREFIX + ".")) {
                    try {
                        found.putIfAbsent(pid, describe(pid, info.getObjectClassDefinition(pid, null)));
                    } catch (IllegalArgumentException e) {
                        // a PID described without a usable OCD: not shown
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    @Override
    public Optional<Pid> describe(String pid) {
        return pids().stream().filter(p -> p.pid().equals(pid)).findFirst();
    }

    private static Pid describe(String pid, ObjectClassDefinition ocd) {
        List<Field> fields = new ArrayList<>();
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            List<Option> options = new ArrayList<>();
            String[] values = ad.getOptionValues();
            String[] labels = ad.getOptionLabels();
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    options.add(new Option(values[i], labels != null && i < labels.length ? labels[i] : values[i]));
                }
            }
            fields.add(new Field(ad.getID(), ad.getName(), ad.getDescription(), type(ad.getType()),
                    ad.getCardinality(), ad.getDefaultValue() == null ? List.of() : Arrays.asList(ad.getDefaultValue()),
                    options, value -> explain(value, ad.validate(value))));
        }
        return new Pid(pid, ocd.getName(), ocd.getDescription(), fields);
    }

    /** The metatype's terse verdict ("less than minimum") as a sentence naming the value. */
    private static String explain(String value, String problem) {
        return problem == null || problem.isEmpty() ? problem : "Value " + value + " is not accepted: " + problem + ".";
    }

    private static FieldType type(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> FieldType.LONG;
            case AttributeDefinition.INTEGER -> FieldType.INTEGER;
            case AttributeDefinition.SHORT -> FieldType.SHORT;
            case AttributeDefinition.CHARACTER -> FieldType.CHARACTER;
            case AttributeDefinition.BYTE -> FieldType.BYTE;
            case AttributeDefinition.DOUBLE -> FieldType.DOUBLE;
            case AttributeDefinition.FLOAT -> FieldType.FLOAT;
            case AttributeDefinition.BOOLEAN -> FieldType.BOOLEAN;
            case AttributeDefinition.PASSWORD -> FieldType.PASSWORD;
            default -> FieldType.STRING;
        };
    }

    @Override
    public Map<String, Object> values(String pid) {
        Optional<Configuration> config = existing(pid);
        Map<String, Object> values = new LinkedHashMap<>();
        config.map(Configuration::getProperties).ifPresent(props -> {
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                values.put(key, props.get(key));
            }
        });
        return values;
    }

    @Override
    public void update(String pid, Map<String, Object> changes) throws IOException {
        Configuration config = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = config.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (props != null) {
            for (String key : Collections.list(props.keys())) {
                next.put(key, props.get(key));
            }
        }
        next.putAll(changes);
        config.update(next);
    }

    private Optional<Configuration> existing(String pid) {
        try {
            Configuration[] configs = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return configs == null || configs.length == 0 ? Optional.empty() : Optional.of(configs[0]);
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }
}
