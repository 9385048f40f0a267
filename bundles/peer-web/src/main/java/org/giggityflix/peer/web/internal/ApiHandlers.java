package org.giggityflix.peer.web.internal;

import java.time.Clock;

/**
 * {@code ApiHandlers} is responsible for answering the JSON API under {@code /api/v1/} (and {@code /health},
 * {@code /metrics}): it sends each call to the resource of its area (session, status, scans, media, providers,
 * settings, Edge, streams, tokens and backups, OpenAPI) and turns an input error into 400 and a failure into 500
 * with the reason, free of the servlet API.
 */
final class ApiHandlers {

    private final SessionResource sessions;
    private final StatusResource status;
    private final ScanResource scans;
    private final MediaResource media;
    private final ProvidersResource providers;
    private final ConfigResource config;
    private final EdgeResource edge;
    private final StreamsResource streams;
    private final OwnerHandlers owner;
    private final SystemResource system;

    ApiHandlers(Backend backend, ConfigSource config, Providers providers, WebSecurity security, Clock clock) {
        this.sessions = new SessionResource(security);
        this.scans = new ScanResource(backend, clock);
        this.status = new StatusResource(backend, scans);
        this.media = new MediaResource(backend);
        this.providers = new ProvidersResource(providers);
        this.config = new ConfigResource(config);
        this.edge = new EdgeResource(backend);
        this.streams = new StreamsResource(backend);
        this.owner = new OwnerHandlers(backend);
        this.system = new SystemResource(backend, security, clock);
    }

    ApiResponse handle(ApiRequest r) {
        try {
            return route(r);
        } catch (ApiSupport.BadRequest e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return ApiResponse.error(500, "Internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private ApiResponse route(ApiRequest r) {
        String area = r.segment(0) == null ? "" : r.segment(0);
        return switch (area) {
            case "session", "login", "logout" -> sessions.handle(r);
            case "status" -> status.handle(r);
            case "scan" -> scans.handle(r);
            case "media" -> media.handle(r);
            case "providers", "features" -> providers.handle(r);
            case "config" -> config.handle(r);
            case "edge" -> edge.handle(r);
            case "streams" -> streams.handle(r);
            case "tokens" -> owner.tokens(r);
            case "backup" -> owner.backup(r);
            case "openapi.json" -> r.segments().size() == 1 && ApiSupport.reads(r) ? SystemResource.openApi()
                    : ApiSupport.notAllowed();
            default -> ApiSupport.notFound();
        };
    }

    /** ok when the catalog and scanner run and the Edge is connected; degraded otherwise. No paths, ids or errors. */
    ApiResponse health() {
        return system.health();
    }

    /** Prometheus text exposition (version 0.0.4). */
    ApiResponse metrics() {
        return system.metrics();
    }
}
