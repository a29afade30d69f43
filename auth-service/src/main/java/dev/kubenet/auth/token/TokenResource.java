package dev.kubenet.auth.token;

import dev.kubenet.auth.password.PasswordHasher;
import dev.kubenet.auth.password.PasswordWork;
import dev.kubenet.common.errors.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /token} and {@code GET /verify-token}, the original's routes with the secrets moved out of the URL:
 * the password and stored hash travel in the body, the token in the Authorization header.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private static final String BEARER = "Bearer ";
    private static final int MAX_TOKEN_LENGTH = 4096;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordWork work;

    @Inject
    Tokens tokens;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<TokenCreated> issue(
            @NotNull(message = "A JSON body is required.") @Valid TokenRequest request) {
        return work.run(() -> {
            if (request.userId() == null || request.hashedPassword() == null) {
                hasher.spendTimeOnDecoy(request.password());
                throw passwordsDoNotMatch();
            }
            if (!hasher.matches(request.password(), request.hashedPassword())) {
                throw passwordsDoNotMatch();
            }
            Tokens.IssuedToken issued = tokens.issue(request.userId());
            return new TokenCreated("Token created.", issued.token(), issued.expiresAt().toString());
        });
    }

    @GET
    @Path("verify-token")
    public TokenVerified verify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() > MAX_TOKEN_LENGTH) {
            throw tokenInvalid();
        }
        return tokens.verify(authorization.substring(BEARER.length()).strip())
                .map(token -> new TokenVerified("Valid token.", token.userId(), token.expiresAt().toString()))
                .orElseThrow(TokenResource::tokenInvalid);
    }

    private static WebApplicationException passwordsDoNotMatch() {
        return Problems.exception(Response.Status.UNAUTHORIZED, "Passwords do not match.");
    }

    private static WebApplicationException tokenInvalid() {
        return Problems.exception(Response.Status.UNAUTHORIZED, "Token invalid.");
    }

    /** @param hashedPassword the stored hash; null (with userId null) for an unknown user */
    public record TokenRequest(
            @Size(max = 64, message = "userId must be at most 64 characters long.")
            String userId,
            @NotNull(message = "password is required.")
            @Size(max = 1024, message = "password must be at most 1024 characters long.")
            String password,
            @Size(max = 512, message = "hashedPassword must be at most 512 characters long.")
            String hashedPassword) {
    }

    public record TokenCreated(String message, String token, String expiresAt) {
    }

    /** @param expiresAt when the token expires (ISO-8601): a caller may remember the answer, but not beyond that */
    public record TokenVerified(String message, String uid, String expiresAt) {
    }
}
