package org.giggityflix.peer.api.token;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code ApiTokens} is responsible for the owner's API tokens: creating one (its secret returned once), listing
 * them (name, scope, created, last used), revoking one, and telling whether a presented secret is a live token.
 * Tokens are stored hashed under DATA_DIR and included in backups. Published by peer-web; used by its request guard
 * and by the {@code peer:token-*} commands.
 */
@ProviderType
public interface ApiTokens {

    /**
     * Makes a new token.
     *
     * @throws ApiTokenException when the name is not valid or already taken, or the token file cannot be written
     */
    NewApiToken create(String name, TokenScope scope);

    /** Every live token, by name. */
    List<ApiToken> list();

    /**
     * Revokes a token at once: requests presenting it are refused from then on.
     *
     * @throws ApiTokenException when no token has that name, or the token file cannot be written
     */
    void revoke(String name);

    /** The live token whose secret this is (noting its use), or empty for a wrong, revoked or malformed secret. */
    Optional<ApiToken> verify(String secret);
}
