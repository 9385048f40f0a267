package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.web.WebAccess;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code WebAccessComponent} is responsible for publishing {@link WebAccess}: the ports and HTTPS certificate of
 * pax-web's configuration ({@value #PAX_WEB}), read when asked (the certificate again only when its file changed),
 * and the faces' settings of {@link WebSecurity}.
 */
@Component(service = WebAccess.class)
public final class WebAccessComponent implements WebAccess {

    static final String PAX_WEB = "org.ops4j.pax.web";

    private final ConfigurationAdmin configAdmin;
    private final WebSecurity security;
    private volatile Cached cached;

    private record Cached(Path store, long modified, int port, Https https) {
    }

    @Activate
    public WebAccessComponent(@Reference ConfigurationAdmin configAdmin, @Reference WebSecurity security) {
        this.configAdmin = configAdmin;
        this.security = security;
    }

    @Override
    public Status status() {
        Dictionary<String, Object> pax = paxWeb();
        int httpPort = Boolean.parseBoolean(value(pax, "org.osgi.service.http.enabled", "true"))
                ? port(value(pax, "org.osgi.service.http.port", "8080")) : 0;
        Optional<Https> https = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (Boolean.parseBoolean(value(pax, "org.osgi.service.http.secure.enabled", "false"))) {
            int port = port(value(pax, "org.osgi.service.http.port.secure", "8443"));
            String store = value(pax, "org.ops4j.pax.web.ssl.keystore", "");
            if (store.isBlank()) {
                problem = Optional.of("HTTPS is on but org.ops4j.pax.web.ssl.keystore is not set");
            } else {
                try {
                    https = Optional.of(certificate(Path.of(expand(store)), port, pax));
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    problem = Optional.of("cannot read the HTTPS certificate in " + expand(store) + ": " + e.getMessage());
                }
            }
        }
        FrontDoor door = security.frontDoor();
        return new Status(httpPort, https, problem, door.policy().remoteAdministration(), door.homeNetworks(),
                door.trustedProxies());
    }

    private Https certificate(Path store, int port, Dictionary<String, Object> pax)
            throws IOException, GeneralSecurityException {
        long modified = Files.getLastModifiedTime(store).toMillis();
        Cached c = cached;
        if (c != null && c.store().equals(store) && c.modified() == modified && c.port() == port) {
            return c.https();
        }
        Https https = HttpsCertificate.read(port, store, value(pax, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                value(pax, "org.ops4j.pax.web.ssl.keystore.password", ""),
                value(pax, "org.ops4j.pax.web.ssl.key.alias", ""));
        cached = new Cached(store, modified, port, https);
        return https;
    }

    private Dictionary<String, Object> paxWeb() {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + PAX_WEB + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }

    private static String value(Dictionary<String, Object> d, String key, String fallback) {
        Object v = d == null ? null : d.get(key);
        return v == null ? fallback : String.valueOf(v).trim();
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code ${karaf.etc}}-style placeholders fileinstall did not replace. */
    static String expand(String value) {
        String out = value;
        for (String p : List.of("karaf.etc", "karaf.home", "karaf.base", "karaf.data")) {
            String v = System.getProperty(p);
            if (v != null) {
                out = out.replace("${" + p + "}", v);
            }
        }
        return out;
    }
}
