package dev.kubenet.users.account;

import dev.kubenet.common.authclient.AuthServiceClient;
import dev.kubenet.common.http.PlainText;
import dev.kubenet.common.http.Problems;
import dev.kubenet.users.limits.CredentialLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code POST /login}: a token from auth-service when the password matches. An unknown email and a wrong password
 * get the same 401 after the same amount of work, so neither the answer nor its timing tells who has an account.
 */
@ApplicationScoped
@Path("login")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Users users;

    @Inject
    AuthServiceClient auth;

    @Inject
    CredentialLimits limits;

    @POST
    public LoggedIn login(@NotNull(message = "A JSON body is required.") @Valid Login login,
            @Context HttpServletRequest request) {
        String email = Credentials.normalised(login.email());
        try (CredentialLimits.Attempt attempt = limits.admit(request.getRemoteAddr(), Optional.of(email))) {
            Optional<User> user = users.findByEmail(email);
            String userId = user.map(User::id).orElse(null);
            return auth.issueToken(userId, login.password(), user.map(User::passwordHash).orElse(null))
                    .map(token -> new LoggedIn(token.token(), token.expiresAt().toString(), userId))
                    .orElseThrow(() -> {
                        attempt.wrongPassword();
                        return Problems.exception(Response.Status.UNAUTHORIZED, "Invalid email or password.");
                    });
        }
    }

    /** No format rules here: whatever does not match an account is simply a failed login. */
    public record Login(
            @NotNull(message = "Enter your email address.")
            @Size(max = Credentials.MAX_EMAIL_LENGTH, message = "An email address has at most 254 characters.")
            @PlainText(message = "Enter a valid email address.")
            String email,
            @NotNull(message = "Enter your password.")
            @Size(max = Credentials.MAX_PASSWORD_LENGTH, message = "A password has at most 128 characters.")
            String password) {
    }

    public record LoggedIn(String token, String expiresAt, String userId) {
    }
}
