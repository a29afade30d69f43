package dev.kubenet.common.authapi;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /token} and {@code GET /verify-token}, the original course's routes with the secrets moved out of the
 * URL: the password and stored hash travel in the body, the token in the Authorization header ({@link BearerToken}).
 * {@code POST /revoked-tokens} ends a session (log out): the token in the Authorization header is refused from then on.
 * Each answers 401 as a "no" (wrong password, invalid token), which a caller must not take for a failure.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface TokenApi {

    /** The answer is a stage because checking the password is deliberately slow work that auth-service queues. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<IssuedToken> issueToken(
            @NotNull(message = "A JSON body is required.") @Valid TokenRequest request);

    @GET
    @Path("verify-token")
    VerifiedToken verifyToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * Revokes the bearer token: {@code 204}, also for a token revoked before (logging out twice is no error, and a
     * caller may retry a revocation whose answer it lost); {@code 401} for a token that is not valid otherwise
     * (malformed, tampered, expired). Only the token's id is stored, never the token, until the token expires.
     */
    @POST
    @Path("revoked-tokens")
    void revokeToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
