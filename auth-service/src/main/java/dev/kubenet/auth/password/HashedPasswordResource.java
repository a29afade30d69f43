package dev.kubenet.auth.password;

import dev.kubenet.auth.caller.AllowedCallers;
import dev.kubenet.common.authapi.HashedPassword;
import dev.kubenet.common.authapi.HashedPasswordApi;
import dev.kubenet.common.authapi.PasswordToHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.util.concurrent.CompletionStage;

/** {@code POST /hashed-password}, as {@link HashedPasswordApi} defines it for auth-service and its callers. */
@ApplicationScoped
@Path("/")
public class HashedPasswordResource implements HashedPasswordApi {

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordWork work;

    @Override
    @AllowedCallers("users-service")
    public CompletionStage<HashedPassword> hashPassword(PasswordToHash request) {
        return work.answer(() -> new HashedPassword(hasher.hash(request.password())));
    }
}
