package org.giggityflix.peer.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code WebConfig} is responsible for describing the web UI's own settings (PID org.giggityflix.peer.web). */
@ObjectClassDefinition(name = "Giggityflix Peer web UI",
        description = "Who reaches the owner's web UI and API, sign-in and sessions (ports: HTTP_PORT, "
                + "HTTPS_PORT, org.ops4j.pax.web). Outside the home networks only signed stream links and /health "
                + "answer.")
@interface WebConfig {

    @AttributeDefinition(name = "Read-only pages from this machine without sign-in",
            description = "When true, GET requests from loopback (127.0.0.1, ::1) see the pages and the API "
                    + "read-only without signing in. Changes still need a signed-in owner.")
    boolean anonymousLoopbackReadOnly() default false;

    @AttributeDefinition(name = "Session idle timeout (minutes)",
            description = "A session unused this long is signed out.", min = "1", max = "10080")
    int sessionIdleMinutes() default 60;

    @AttributeDefinition(name = "Failed sign-ins before lockout",
            description = "Wrong passwords from one address before that address must wait.", min = "1", max = "100")
    int loginFailuresBeforeLockout() default 5;

    @AttributeDefinition(name = "First lockout (seconds)",
            description = "How long the first lockout lasts; each further failure doubles it (at most one hour).",
            min = "1", max = "3600")
    int lockoutSeconds() default 30;

    @AttributeDefinition(name = "Absolute session lifetime (hours)",
            description = "A session ends this long after its sign-in, however busy it is.", min = "1", max = "720")
    int sessionMaxHours() default 12;

    @AttributeDefinition(name = "Failed sign-ins before an account is locked",
            description = "Wrong passwords for one account, from any addresses, before that account must wait "
                    + "(same doubling waits as an address).", min = "1", max = "1000")
    int accountFailuresBeforeLockout() default 10;

    @AttributeDefinition(name = "Home networks",
            description = "Client addresses (CIDR) that see the owner's face: UI, API, sign-in, metrics. Everyone "
                    + "else gets only signed stream links and /health, and 403 for everything else.")
    String[] homeNetworks() default {"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "169.254.0.0/16", "fc00::/7", "fe80::/10"};

    @AttributeDefinition(name = "Remote administration over HTTPS",
            description = "When true, clients outside the home networks may sign in and use the UI and API, over "
                    + "HTTPS only (plain HTTP from outside stays 403).")
    boolean remoteAdministration() default false;

    @AttributeDefinition(name = "Trusted reverse proxies",
            description = "Addresses (CIDR) of reverse proxies whose X-Forwarded-For / Forwarded / "
                    + "X-Forwarded-Proto headers name the real client. Empty: the TCP peer is the client.",
            required = false)
    String[] trustedProxies() default {};

    @AttributeDefinition(name = "Extra host names",
            description = "Names, besides this machine's addresses, localhost and its host names, that the Host "
                    + "header may carry (e.g. a dynamic DNS name or mypc.fritz.box). Others answer 421.",
            required = false)
    String[] allowedHostNames() default {};

    @AttributeDefinition(name = "HSTS max-age (seconds)",
            description = "Strict-Transport-Security sent on HTTPS responses; 0 sends none. Browsers then use HTTPS "
                    + "for that host name on every port.", min = "0", max = "63072000")
    int hstsMaxAgeSeconds() default 31536000;
}
