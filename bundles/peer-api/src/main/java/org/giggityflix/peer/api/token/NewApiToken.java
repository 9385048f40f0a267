package org.giggityflix.peer.api.token;

/**
 * {@code NewApiToken} is responsible for carrying a token just created together with its secret, the only time the
 * secret exists outside the client that will use it.
 *
 * @param token  the stored description
 * @param secret what goes after {@code Authorization: Bearer }
 */
public record NewApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "NewApiToken[" + token + ", secret=(hidden)]";
    }
}
