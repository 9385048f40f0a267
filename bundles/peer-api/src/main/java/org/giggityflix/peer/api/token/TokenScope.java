package org.giggityflix.peer.api.token;

/** {@code TokenScope} is responsible for naming what an API token may do. */
public enum TokenScope {
    /** Reads only: GET and HEAD; any change is refused with 403. */
    READ_ONLY,
    /** Everything the JSON API offers a signed-in owner, except managing tokens and backups. */
    FULL
}
