package dev.kubenet.common.authclient;

import dev.kubenet.common.warmup.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The first call through the REST client, made before the service takes traffic: it loads and compiles the client,
 * JSON-B, the fault tolerance interceptors and auth-service's verification path, which on a busy machine took longer
 * than the 1500 ms that {@link AuthServiceCalls#verifiedToken} allows.
 * <p>
 * It asks to verify a token that cannot be valid: auth-service answers 401, which touches no account and no
 * database. An auth-service that is not up yet makes this quick (connection refused); the call is bounded by the
 * client's own timeout.
 */
@ApplicationScoped
public class AuthServiceWarmUp implements WarmUp {

    /** Not a JWT at all, so auth-service rejects it at once. */
    static final String NO_TOKEN = "warm-up";

    @Inject
    AuthServiceClient client;

    @Override
    public String name() {
        return "auth-service client";
    }

    @Override
    public String run() {
        try {
            client.verifiedToken(NO_TOKEN);
            return "auth-service answered";
        } catch (AuthServiceUnavailableException e) { // unreachable, timed out or circuit open: the client logged which
            return "auth-service did not answer";
        }
    }
}
