package org.giggityflix.peer.core.internal;

import java.util.Map;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EnvironmentSettings} is responsible for honouring the original peer's environment variables: when it
 * activates (once per start of the distribution) every variable that is set is written into ConfigAdmin.
 *
 * <p>The environment is read once: a variable cannot change under a running process, and later changes made with
 * {@code config:property-set} must stick. It registers itself as a bundle-private service only so that
 * {@link PeerIdentityComponent} can wait for it: otherwise the identity could first activate with the stored
 * DATA_DIR, creating folders (and a catalog) in the wrong place before DATA_DIR from the environment arrives.
 */
@Component(service = EnvironmentSettings.class, immediate = true)
public class EnvironmentSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentSettings.class);

    @Activate
    public EnvironmentSettings(@Reference(name = "configAdmin") ConfigurationAdmin configAdmin) {
        this(configAdmin, System.getenv());
    }

    EnvironmentSettings(ConfigurationAdmin configAdmin, Map<String, String> env) {
        ImportResult result = new EnvironmentImporter(configAdmin, EnvironmentVariables.ALL).apply(env);
        LOG.info("Environment variables: {} written, {} already set, {} rejected",
                result.written().size(), result.unchanged().size(), result.rejected().size());
    }
}
