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

    @AttributeDefinition(description = "WebRTC players one signed-in user may have open at once on the player page; "
            + "one more is refused with 429 until one stops (1-32)")
    int maxSignalingSessionsPerUser() default 4;

    @AttributeDefinition(description = "Seconds without a poll from the player page after which its WebRTC session "
            + "is taken as abandoned (the browser went away): stopped and freed (10-3600)")
    int signalingIdleSeconds() default 60;
}
