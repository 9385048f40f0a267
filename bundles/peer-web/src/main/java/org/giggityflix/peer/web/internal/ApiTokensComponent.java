package org.giggityflix.peer.web.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ApiTokensComponent} is responsible for publishing {@link ApiTokens}, kept by a {@link TokenStore} in
 * {@code DATA_DIR/}{@value TokenStore#FILE_NAME} (so backups and restores carry it with the peer id and keys).
 */
@Component(service = ApiTokens.class)
public final class ApiTokensComponent implements ApiTokens {

    private final TokenStore store;

    @Activate
    public ApiTokensComponent(@Reference PeerIdentity identity) {
        this.store = new TokenStore(identity.dataDir().resolve(TokenStore.FILE_NAME), Clock.systemUTC());
    }

    @Override
    public NewApiToken create(String name, TokenScope scope) {
        return store.create(name, scope);
    }

    @Override
    public List<ApiToken> list() {
        return store.list();
    }

    @Override
    public void revoke(String name) {
        store.revoke(name);
    }

    @Override
    public Optional<ApiToken> verify(String secret) {
        return store.verify(secret);
    }
}
