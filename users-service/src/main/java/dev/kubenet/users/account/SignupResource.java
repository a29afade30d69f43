package dev.kubenet.users.account;

import dev.kubenet.common.authclient.AuthServiceClient;
import dev.kubenet.common.http.Problems;
import dev.kubenet.users.limits.CredentialLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code POST /signup}: creates an account with a password hash made by auth-service. */
@ApplicationScoped
@Path("signup")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SignupResource {

    @Inject
    Users users;

    @Inject
    AuthServiceClient auth;

    @Inject
    OneSignupPerEmail oneSignupPerEmail;

    @Inject
    CredentialLimits limits;

    @POST
    public Response signup(@NotNull(message = "A JSON body is required.") @Valid Credentials credentials,
            @Context HttpServletRequest request) {
        try (CredentialLimits.Attempt attempt = limits.admit(request.getRemoteAddr(), Optional.empty())) {
            return created(credentials);
        }
    }

    private Response created(Credentials credentials) {
        User user = oneSignupPerEmail.run(credentials.email(), () -> {
            // Checked first so a taken email costs no hashing; the insert still decides a race between replicas.
            if (users.findByEmail(credentials.email()).isPresent()) {
                throw emailTaken();
            }
            String hash = auth.hashPassword(credentials.password());
            return users.add(credentials.email(), hash).orElseThrow(SignupResource::emailTaken);
        });
        return Response.status(Response.Status.CREATED)
                .entity(new UserCreated("User created!", user.id(), user.email()))
                .build();
    }

    private static WebApplicationException emailTaken() {
        return Problems.exception(Response.Status.CONFLICT, "An account with this email address already exists.");
    }

    public record UserCreated(String message, String userId, String email) {
    }
}
