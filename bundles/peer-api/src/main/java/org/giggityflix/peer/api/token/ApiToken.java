package org.giggityflix.peer.api.token;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code ApiToken} is responsible for describing one API token as the owner sees it after creation: never its
 * secret, which is shown once and stored only as a hash.
 *
 * @param name     the owner's name for it (letters, digits, {@code .}, {@code _}, {@code -}; at most 64)
 * @param scope    what it may do
 * @param created  when it was made
 * @param lastUsed when a request last presented it, if ever (kept to the minute)
 */
public record ApiToken(String name, TokenScope scope, Instant created, Optional<Instant> lastUsed) {
}
