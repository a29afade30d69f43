package dev.kubenet.common.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the schema is migrated and while the database answers, so Kubernetes and Compose send no traffic to
 * a service that could only fail it. auth-service is deliberately not checked here: one service's outage should not
 * take its callers out of rotation too; they answer 503 for the calls that need it and stay ready for the rest.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Resource(lookup = ServiceDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    DatabaseMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        Optional<String> pending = migrations.pending();
        if (pending.isPresent()) {
            return HealthCheckResponse.named("database").down().withData("schema", "not migrated yet: " + pending.get())
                    .build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return HealthCheckResponse.named("database").status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
