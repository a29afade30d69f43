package dev.kubenet.auth.caller;

import dev.kubenet.auth.token.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while auth-service lacks a key it needs or holds a published one: the pod never gets traffic, and
 * {@code /health/ready} says which key and what to do, as the log does.
 */
@Readiness
@ApplicationScoped
public class KeysReadinessCheck implements HealthCheck {

    static final String CHECK = "keys";

    @Inject
    SigningKey signingKey;

    @Inject
    TrustedCallers callers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(CHECK).up();
        Optional<String> signing = signingKey.problem();
        Optional<String> trusted = callers.problem();
        signing.ifPresent(problem -> response.down().withData("signing key", problem));
        trusted.ifPresent(problem -> response.down().withData("caller keys", problem));
        if (signing.isEmpty() && trusted.isEmpty()) {
            response.withData("callers", String.join(",", callers.keys().keySet()));
        }
        return response.build();
    }
}
