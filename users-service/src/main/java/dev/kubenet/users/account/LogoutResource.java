package dev.kubenet.users.account;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authclient.AuthServiceClient;
import dev.kubenet.common.http.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /logout} with {@code Authorization: Bearer <token>}: ends the session on the server. auth-service
 * revokes the token, and every service refuses it from then on (tasks-service within its verification cache's few
 * seconds). A token logged out before gets a 204 again: a person who clicks twice, or a page that sends it again after
 * losing the first answer, is told it is done. Any other token that is not valid is a 401, as everywhere.
 */
@ApplicationScoped
@Path("logout")
@Produces(MediaType.APPLICATION_JSON)
public class LogoutResource {

    @Inject
    AuthServiceClient auth;

    @POST
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = BearerToken.of(authorization).orElseThrow(() -> unauthorized(
                "Log out needs the session's token: a single 'Authorization: Bearer <token>' header."));
        if (!auth.revokeToken(token)) {
            throw unauthorized("Your session is invalid or has expired.");
        }
        return Response.noContent().build();
    }

    private static WebApplicationException unauthorized(String detail) {
        return new WebApplicationException(Response.fromResponse(
                        Problems.response(Response.Status.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.SCHEME)
                .build());
    }
}
