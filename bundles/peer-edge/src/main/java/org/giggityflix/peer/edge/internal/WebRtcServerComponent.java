package org.giggityflix.peer.edge.internal;

import java.io.IOException;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WebRtcServerComponent} is responsible for running the {@link WebRtcServer} inside OSGi, apart from the link
 * the peer dials: off until the owner turns it on (PID {@code org.giggityflix.peer.edge.webrtcserver}), restarted
 * when its settings change, stopped (ending the sessions opened through it) on deactivation. Calls reach the
 * {@code transport=webrtc} {@link WebRtcSignaling} when one is installed, NOT_AVAILABLE otherwise.
 */
@Component(configurationPid = EdgeConstants.WEBRTC_SERVER_PID, service = {}, immediate = true)
@Designate(ocd = WebRtcServerConfig.class)
public final class WebRtcServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcServerComponent.class);

    private final MediaCatalog catalog;
    private WebRtcServerSettings settings = WebRtcServerSettings.off();
    private WebRtcServer server;

    /** The WebRTC transport when installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StreamingTransport.NAME_PROPERTY + "=webrtc)")
    private volatile WebRtcSignaling webrtc;

    @Activate
    public WebRtcServerComponent(@Reference(name = "catalog") MediaCatalog catalog, WebRtcServerConfig config) {
        this.catalog = catalog;
        run(WebRtcServerSettings.from(config));
    }

    @Modified
    void modified(WebRtcServerConfig config) {
        run(WebRtcServerSettings.from(config));
    }

    @Deactivate
    void deactivate() {
        run(WebRtcServerSettings.off());
    }

    /** Runs the server as {@code wanted} says; a change of its settings restarts it. */
    private synchronized void run(WebRtcServerSettings wanted) {
        if (wanted.equals(settings) && (server != null) == wanted.enabled()) {
            return;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        settings = wanted;
        if (!wanted.enabled()) {
            return;
        }
        try {
            server = WebRtcServer.start(wanted, catalog, () -> webrtc);
        } catch (IOException | RuntimeException e) {
            LOG.error("WebRTC server on {}:{} could not start: {}", wanted.address(), wanted.port(), e.getMessage());
        }
    }
}
