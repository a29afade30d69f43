package dev.kubenet.common.authclient;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Makes one call to auth-service as the application starts, and reports ready only after it, whatever its outcome.
 * <p>
 * Why: the first call through the REST client loads and compiles a great deal (the client, JSON-B, the fault tolerance
 * interceptors, and auth-service's verification path). On a busy machine that took longer than the 1500 ms that
 * {@link AuthServiceCalls#verifiedToken} allows, so the first user after a start got a 503 "authentication service
 * unavailable" from a healthy system. The cost is now paid before the service takes traffic.
 * <p>
 * It calls token verification with a token that cannot be valid: auth-service answers 401, which touches no account
 * and no database. The outcome does not matter: an auth-service that is not up yet makes this quick (connection
 * refused), and readiness must not wait for another service (see {@code DatabaseReadinessCheck}); the call is bounded
 * by the client's own timeout.
 */
@Readiness
@ApplicationScoped
public class AuthServiceWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(AuthServiceWarmUp.class.getName());
    static final String CHECK = "auth-service client";
    /** Not a JWT at all, so auth-service rejects it at once. */
    static final String NO_TOKEN = "warm-up";

    @Inject
    AuthServiceClient client;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private volatile CompletableFuture<String> outcome = new CompletableFuture<>();

    void warmUpAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        outcome = executor.supplyAsync(this::callOnce);
    }

    private String callOnce() {
        long start = System.nanoTime();
        String outcome;
        try {
            client.verifiedToken(NO_TOKEN);
            outcome = "auth-service answered";
        } catch (RuntimeException e) { // unreachable, timed out or circuit open: the client has logged which
            outcome = "auth-service did not answer (" + e.getClass().getSimpleName() + ")";
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String done = outcome;
        LOG.info(() -> "First call to auth-service made before taking traffic, in " + millis + " ms: " + done);
        return done;
    }

    @Override
    public HealthCheckResponse call() {
        String done = outcome.getNow(null);
        return done == null
                ? HealthCheckResponse.named(CHECK).down().withData("warm-up", "first call to auth-service running")
                        .build()
                : HealthCheckResponse.named(CHECK).up().withData("warm-up", done).build();
    }
}
