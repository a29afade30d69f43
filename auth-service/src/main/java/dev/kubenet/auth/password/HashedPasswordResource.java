package dev.kubenet.auth.password;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/** {@code POST /hashed-password}: the original took the password in the URL path; here it is in the body. */
@ApplicationScoped
@Path("hashed-password")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class HashedPasswordResource {

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordWork work;

    @POST
    public CompletionStage<HashedPassword> hash(
            @NotNull(message = "A JSON body is required.") @Valid PasswordToHash request) {
        return work.run(() -> new HashedPassword(hasher.hash(request.password())));
    }

    public record PasswordToHash(
            @NotNull(message = "password is required.")
            @Size(min = 1, max = 1024, message = "password must be 1 to 1024 characters long.")
            String password) {
    }

    public record HashedPassword(String hashedPassword) {
    }
}
