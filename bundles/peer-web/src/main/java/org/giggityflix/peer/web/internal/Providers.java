package org.giggityflix.peer.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Providers} is responsible for what the providers page shows and changes: plugin services, bundles, and the
 * peer's optional features (installed or removed while the peer runs).
 */
interface Providers {

    /** The answer to an install/uninstall request. */
    record Change(int status, String message) {
    }

    /** Plugin services (hash, probe, thumbnails, screenshots, transports) with ranking and bundle. */
    List<Map<String, Object>> services();

    /** Bundles with id, name, version and state. */
    List<Map<String, Object>> bundles();

    /** The peer-* features, or empty when Karaf's features service is not running. */
    Optional<List<Map<String, Object>>> features();

    /** Starts installing or uninstalling a peer-* feature in the background. */
    Change change(String feature, boolean install);
}
