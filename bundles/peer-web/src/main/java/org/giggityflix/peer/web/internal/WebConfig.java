package org.giggityflix.peer.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code WebConfig} is responsible for describing the web UI's own settings (PID org.giggityflix.peer.web). */
@ObjectClassDefinition(name = "Giggityflix Peer web UI",
        description = "Sign-in, sessions and anonymous access of the owner's web UI and API (port: HTTP_PORT, "
                + "org.ops4j.pax.web).")
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
}
