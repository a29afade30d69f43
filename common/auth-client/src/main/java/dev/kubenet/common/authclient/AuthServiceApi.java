package dev.kubenet.common.authclient;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * auth-service's API as its callers see it. The routes keep the original course's names, but secrets travel in the
 * body or the Authorization header, never in the URL, where access logs would keep them.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AuthServiceApi {

    @POST
    @Path("hashed-password")
    HashedPassword hashPassword(PasswordToHash request);

    @POST
    @Path("token")
    IssuedToken issueToken(TokenRequest request);

    @GET
    @Path("verify-token")
    VerifiedToken verifyToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    record PasswordToHash(String password) {
    }

    record HashedPassword(String hashedPassword) {
    }

    /**
     * @param hashedPassword the stored hash, or null for an unknown user: auth-service then spends the same time on
     *                       a decoy, so the response time does not tell which emails have an account
     */
    record TokenRequest(String userId, String password, String hashedPassword) {
    }

    record IssuedToken(String message, String token, String expiresAt) {
    }

    /** @param expiresAt the token's own expiry: an answer may be remembered, but never beyond it */
    record VerifiedToken(String message, String uid, Instant expiresAt) {
    }
}
