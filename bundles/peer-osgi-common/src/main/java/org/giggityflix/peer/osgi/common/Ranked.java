package org.giggityflix.peer.osgi.common;

import java.util.Comparator;
import java.util.Map;

/**
 * {@code Ranked} is responsible for carrying a service object with the properties that order it against others of
 * its kind (OSGi service ranking, then the oldest registration) and name it ({@code component.name}).
 *
 * @param service    the service object
 * @param ranking    {@code service.ranking}, 0 when absent
 * @param serviceId  {@code service.id}, to break ties like the framework does
 * @param properties the service properties
 */
public record Ranked<T>(T service, int ranking, long serviceId, Map<String, ?> properties) {

    /** The Declarative Services property naming the component that registered a service. */
    public static final String COMPONENT_NAME = "component.name";

    /** Best first: higher ranking, then lower service id. */
    public static <T> Comparator<Ranked<T>> bestFirst() {
        return Comparator.<Ranked<T>>comparingInt(r -> -r.ranking()).thenComparingLong(Ranked::serviceId);
    }

    public static <T> Ranked<T> of(T service, Map<String, ?> properties) {
        Map<String, ?> props = properties == null ? Map.of() : properties;
        Object ranking = props.get("service.ranking");
        Object id = props.get("service.id");
        return new Ranked<>(service,
                ranking instanceof Integer value ? value : 0,
                id instanceof Number value ? value.longValue() : Long.MAX_VALUE,
                props);
    }

    /** {@code component.name}, or the service's class name when absent. */
    public String name() {
        Object name = properties.get(COMPONENT_NAME);
        return name == null ? service.getClass().getName() : name.toString();
    }
}
