package dev.kubenet.common.authclient;

import dev.kubenet.common.authapi.IssuedToken;
import dev.kubenet.common.authapi.VerifiedToken;
import dev.kubenet.common.http.NetworkDetails;
import dev.kubenet.common.http.ServerTiming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * <p>
 * With {@link NetworkDetails} on, each call adds an {@code auth-service} entry to the request's {@code Server-Timing}
 * header: the route called, the address and the setting it came from ({@link AuthServiceAddress}), the IP address
 * that name resolves to, how long the call took (retries included) and whether it failed.
 */
@ApplicationScoped
public class AuthServiceClient {

    private static final Logger LOG = Logger.getLogger(AuthServiceClient.class.getName());

    @Inject
    AuthServiceCalls calls;

    @Inject
    NetworkDetails details;

    @Inject
    ServerTiming timing;

    public String hashPassword(String password) {
        return completed("hashPassword", "hashed-password", () -> calls.hashPassword(password));
    }

    /** A token for the user when the password matches the stored hash; empty when it does not. */
    public Optional<IssuedToken> issueToken(String userId, String password, String hashedPassword) {
        return completed("issueToken", "token", () -> calls.issueToken(userId, password, hashedPassword));
    }

    /** Whose a bearer token is and until when; empty when auth-service rejects the token. */
    public Optional<VerifiedToken> verifiedToken(String token) {
        return completed("verifiedToken", "verify-token", () -> calls.verifiedToken(token));
    }

    /** Revokes a bearer token (log out): true when done, false when auth-service rejects the token as invalid. */
    public boolean revokeToken(String token) {
        return completed("revokeToken", "revoked-tokens", () -> calls.revokeToken(token));
    }

    private <T> T completed(String operation, String route, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T answer = call.get();
            failed = false;
            return answer;
        } catch (FaultToleranceException e) {
            LOG.warning(() -> "Call to auth-service (" + operation + ") not completed: " + e.getClass().getSimpleName());
            throw new AuthServiceUnavailableException("auth-service " + operation + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (details.enabled()) {
                record(route, start, failed);
            }
        }
    }

    private void record(String route, long start, boolean failed) {
        AuthServiceAddress address = calls.address();
        try {
            timing.add("auth-service", start, "call", route, "address", address.uri().toString(),
                    "from", address.source(), "ip", resolvedIp(address.uri().getHost()),
                    "outcome", failed ? "unavailable" : "answered");
        } catch (ContextNotActiveException e) {
            // A call made outside any request (AuthServiceWarmUp's, at start-up): no answer to tell about it.
        }
    }

    /**
     * The IP address the name stands for, from the JVM's DNS cache, which the call has just filled (a ClusterIP, a
     * pod's IP in the same pod: 127.0.0.1, a Compose container's IP).
     */
    private static String resolvedIp(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return "unresolved";
        }
    }
}
