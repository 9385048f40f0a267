/**
 * API tokens: named secrets that let scripts and Prometheus use the peer's JSON API and {@code /metrics} with
 * {@code Authorization: Bearer <token>} instead of a browser session ({@link ApiTokens}, published by peer-web).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.token;
