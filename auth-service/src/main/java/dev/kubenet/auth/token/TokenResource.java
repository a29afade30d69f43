package dev.kubenet.auth.token;

import dev.kubenet.auth.caller.AllowedCallers;
import dev.kubenet.auth.password.PasswordHasher;
import dev.kubenet.auth.password.PasswordWork;
import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.IssuedToken;
import dev.kubenet.common.authapi.TokenApi;
import dev.kubenet.common.authapi.TokenRequest;
import dev.kubenet.common.authapi.VerifiedToken;
import dev.kubenet.common.http.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /token}, {@code GET /verify-token} and {@code POST /revoked-tokens}, as {@link TokenApi} defines them for
 * auth-service and its callers. A revoked token is refused as any other invalid token is: the same 401.
 */
@ApplicationScoped
@Path("/")
public class TokenResource implements TokenApi {

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordWork work;

    @Inject
    Tokens tokens;

    @Inject
    RevokedTokens revoked;

    @Override
    @AllowedCallers("users-service")
    public CompletionStage<IssuedToken> issueToken(TokenRequest request) {
        return work.answer(() -> {
            if (request.userId() == null || request.hashedPassword() == null) {
                hasher.spendTimeOnDecoy(request.password());
                throw passwordsDoNotMatch();
            }
            if (!hasher.matches(request.password(), request.hashedPassword())) {
                throw passwordsDoNotMatch();
            }
            Tokens.SignedToken signed = tokens.issue(request.userId());
            return new IssuedToken("Token created.", signed.token(), signed.expiresAt());
        });
    }

    @Override
    @AllowedCallers({"tasks-service", "users-service"})
    public VerifiedToken verifyToken(String authorization) {
        return BearerToken.of(authorization).flatMap(tokens::verify)
                .filter(token -> !revoked.isRevoked(token.id()))
                .map(token -> new VerifiedToken("Valid token.", token.userId(), token.expiresAt()))
                .orElseThrow(TokenResource::tokenInvalid);
    }

    @Override
    @AllowedCallers("users-service")
    public void revokeToken(String authorization) {
        Tokens.ValidToken token = BearerToken.of(authorization).flatMap(tokens::verify)
                .orElseThrow(TokenResource::tokenInvalid);
        revoked.revoke(token.id(), token.expiresAt());
    }

    private static WebApplicationException passwordsDoNotMatch() {
        return Problems.exception(Response.Status.UNAUTHORIZED, "Passwords do not match.");
    }

    private static WebApplicationException tokenInvalid() {
        return Problems.exception(Response.Status.UNAUTHORIZED, "Token invalid.");
    }
}
