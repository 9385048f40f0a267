package org.giggityflix.peer.web.internal;

/**
 * {@code ProvidersResource} is responsible for {@code GET providers} (services, bundles, peer-* features) and
 * {@code POST features/{peer-*}/install|uninstall}.
 */
final class ProvidersResource {

    private final Providers providers;

    ProvidersResource(Providers providers) {
        this.providers = providers;
    }

    ApiResponse handle(ApiRequest r) {
        int n = r.segments().size();
        if (r.segment(0).equals("providers")) {
            return n == 1 && ApiSupport.reads(r) ? providers() : ApiSupport.notAllowed();
        }
        if (n == 3 && r.method().equals("POST")
                && (r.segment(2).equals("install") || r.segment(2).equals("uninstall"))) {
            Providers.Change c = providers.change(r.segment(1), r.segment(2).equals("install"));
            return ApiResponse.json(c.status(), Json.obj(c.status() < 300 ? "message" : "error", c.message(),
                    "status", c.status()));
        }
        return ApiSupport.notFound();
    }

    private ApiResponse providers() {
        return ApiResponse.ok(Json.obj("services", providers.services(), "bundles", providers.bundles(),
                "features", providers.features(), "featuresAvailable", providers.features().isPresent()));
    }
}
