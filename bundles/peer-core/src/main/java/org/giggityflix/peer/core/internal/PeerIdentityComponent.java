package org.giggityflix.peer.core.internal;

import java.nio.file.Path;

import org.giggityflix.peer.api.PeerIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PeerIdentityComponent} is responsible for publishing the {@link PeerIdentity} service: the peer id and
 * the DATA_DIR every other component stores under.
 *
 * <p>There is deliberately no {@code @Modified}: a new peer id or DATA_DIR must make every dependent component
 * rebind (reopen the database, reconnect to the Edge), which a deactivate + activate cycle does. Immediate, so a
 * bad setting is reported at startup rather than on first use.
 */
@Component(service = PeerIdentity.class, configurationPid = CoreConstants.PEER_PID, immediate = true)
@Designate(ocd = PeerConfig.class)
public class PeerIdentityComponent implements PeerIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(PeerIdentityComponent.class);

    private final ResolvedPeerIdentity identity;

    /**
     * @param environmentApplied not used: referenced so that the environment variables are in ConfigAdmin before
     *                           the first activation reads the configuration
     */
    @Activate
    public PeerIdentityComponent(@Reference(name = "environment") EnvironmentSettings environmentApplied,
                                 PeerConfig config) {
        this(config, PeerIdentityResolver.standard());
    }

    PeerIdentityComponent(PeerConfig config, PeerIdentityResolver resolver) {
        try {
            identity = resolver.resolve(config.peerId(), config.autoGenerateId(), config.dataDir());
        } catch (PeerSetupException e) {
            // SCR logs the failure too, but buried in a stack trace; the owner needs the sentence.
            LOG.error("Peer identity not available: {}", e.getMessage());
            throw e;
        }
        LOG.info("Peer id {} ({}), DATA_DIR {}", identity.peerId(),
                identity.generated() ? "generated, kept in " + CoreConstants.PEER_ID_FILE : "from PEER_ID",
                identity.dataDir());
    }

    @Override
    public String peerId() {
        return identity.peerId();
    }

    @Override
    public Path dataDir() {
        return identity.dataDir();
    }

    @Override
    public String toString() {
        return "PeerIdentity[" + identity.peerId() + ", " + identity.dataDir() + "]";
    }
}
