package dev.kubenet.common.authclient;

import dev.kubenet.common.authapi.IssuedToken;
import dev.kubenet.common.authapi.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The one way users-service and tasks-service call auth-service: a token for a password, a hash for a new one,
 * whose a token is, and the end of a token (log out). When auth-service cannot answer in time, or has failed so often that its circuit is open, each
 * method throws {@link AuthServiceUnavailableException} (a 503 that says so): the timeouts and circuit breakers
 * ({@link AuthServiceCalls}) report it as a {@link FaultToleranceException}, which is turned into that here, at the
 * edge of this client, rather than by a mapper for every {@code FaultToleranceException} of the application.
 */
@ApplicationScoped
public class AuthServiceClient {

    private static final Logger LOG = Logger.getLogger(AuthServiceClient.class.getName());

    @Inject
    AuthServiceCalls calls;

    public String hashPassword(String password) {
        return completed("hashPassword", () -> calls.hashPassword(password));
    }

    /** A token for the user when the password matches the stored hash; empty when it does not. */
    public Optional<IssuedToken> issueToken(String userId, String password, String hashedPassword) {
        return completed("issueToken", () -> calls.issueToken(userId, password, hashedPassword));
    }

    /** Whose a bearer token is and until when; empty when auth-service rejects the token. */
    public Optional<VerifiedToken> verifiedToken(String token) {
        return completed("verifiedToken", () -> calls.verifiedToken(token));
    }

    /** Revokes a bearer token (log out): true when done, false when auth-service rejects the token as invalid. */
    public boolean revokeToken(String token) {
        return completed("revokeToken", () -> calls.revokeToken(token));
    }

    private static <T> T completed(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (FaultToleranceException e) {
            LOG.warning(() -> "Call to auth-service (" + operation + ") not completed: " + e.getClass().getSimpleName());
            throw new AuthServiceUnavailableException("auth-service " + operation + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
