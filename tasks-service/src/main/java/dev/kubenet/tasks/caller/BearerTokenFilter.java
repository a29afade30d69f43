package dev.kubenet.tasks.caller;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.http.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Every request to tasks-service must carry {@code Authorization: Bearer <token>}; auth-service says whose token it
 * is (through {@link VerifiedTokens}, which remembers its answers for a few seconds). A header that is no bearer
 * token ({@link BearerToken}) is refused here, without a call. Runs after routing, so an unknown path is a plain 404.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    @Inject
    VerifiedTokens tokens;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(unauthorized("Log in first: this request has no Authorization: Bearer token."));
            return;
        }
        Optional<String> token = BearerToken.of(header);
        if (token.isEmpty()) {
            request.abortWith(unauthorized("The Authorization header must be a single 'Bearer <token>'."));
            return;
        }
        tokens.userIdOf(token.get()).ifPresentOrElse(caller::verifiedAs, () ->
                request.abortWith(unauthorized("Your session is invalid or has expired. Please log in again.")));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(Response.Status.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.SCHEME)
                .build();
    }
}
