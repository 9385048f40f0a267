package org.giggityflix.peer.screenshots.internal;

import java.util.Comparator;
import java.util.Map;

/**
 * {@code Ranked} is responsible for carrying a service object with the properties that order it against others of
 * its kind (OSGi service ranking, then the oldest registration) and name it ({@code component.name}).
 *
 * @param service   the service object
 * @param ranking   {@code service.ranking}, 0 when absent
 * @param serviceId {@code service.id}, to break ties like the framework does
 * @param name      {@code component.name}, or the class name when absent
 */
record Ranked<T>(T service, int ranking, long serviceId, String name) {

    /** Best first: higher ranking, then lower service id. */
    static <T> Comparator<Ranked<T>> bestFirst() {
        return Comparator.<Ranked<T>>comparingInt(r -> -r.ranking()).thenComparingLong(Ranked::serviceId);
    }

    static <T> Ranked<T> of(T service, Map<String, ?> properties) {
        Map<String, ?> props = properties == null ? Map.of() : properties;
        Object ranking = props.get("service.ranking");
        Object id = props.get("service.id");
        Object name = props.get(ScreenshotsConstants.COMPONENT_NAME);
        return new Ranked<>(service,
                ranking instanceof Integer value ? value : 0,
                id instanceof Number value ? value.longValue() : Long.MAX_VALUE,
                name == null ? service.getClass().getName() : name.toString());
    }
}
