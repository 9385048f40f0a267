package org.giggityflix.peer.stream.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code HttpStreamConfig} is responsible for describing the HTTP transport's settings (PID
 * {@code org.giggityflix.peer.stream.http}) to ConfigAdmin, the console and the web UI.
 */
@ObjectClassDefinition(name = "Giggityflix HTTP streaming",
        description = "Direct play over HTTP (Range requests) behind short-lived signed links, and the player page")
@interface HttpStreamConfig {

    @AttributeDefinition(description = "How long a link handed out by the player page stays valid, in seconds (60-86400); a link is checked when each request starts")
    int linkValiditySec() default 14400;

    @AttributeDefinition(description = "Longest validity any caller may ask for, in seconds (60-604800)")
    int maxLinkValiditySec() default 86400;

    @AttributeDefinition(description = "Downloads served at once; beyond it requests get 503 with Retry-After (1-256)")
    int maxTransfers() default 16;
}
