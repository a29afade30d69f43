package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.kubenet.common.http.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What the service says while its schema is not migrated: the filter on requests, and the readiness check. */
class MigrationPendingTest {

    private final JdbcDataSource database = new JdbcDataSource();

    {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void beforeTheMigrationEveryRequestIsA503() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        filter(notMigratedYet()).filter(request);

        ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(response.capture());
        assertEquals(503, response.getValue().getStatus());
        assertEquals("5", response.getValue().getHeaderString("Retry-After"));
        assertEquals(DatabaseUnavailableMapper.DETAIL, ((Problem) response.getValue().getEntity()).detail());
    }

    @Test
    void afterItRequestsPass() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        filter(migrated()).filter(request);
        verify(request, never()).abortWith(any());
    }

    @Test
    void theFilterRunsAfterRoutingAndBeforeAuthentication() {
        assertEquals(false, MigrationPendingFilter.class.isAnnotationPresent(PreMatching.class));
        int priority = MigrationPendingFilter.class.getAnnotation(Priority.class).value();
        assertEquals(true, priority < Priorities.AUTHENTICATION, "before authentication: " + priority);
    }

    @Test
    void notReadyUntilMigratedAndSaysWhy() {
        HealthCheckResponse response = readiness(notMigratedYet(), database).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("not migrated yet: migrating", response.getData().orElseThrow().get("schema"));
    }

    @Test
    void readyOnceMigratedWhileTheDatabaseAnswers() {
        assertEquals(HealthCheckResponse.Status.UP, readiness(migrated(), database).call().getStatus());
    }

    @Test
    void notReadyWhenTheDatabaseStopsAnsweringAndNamesOnlyTheFailuresType() {
        DataSource gone = mock(DataSource.class, invocation -> {
            throw new SQLException("Connection to db.internal:5432 refused", "08001");
        });
        HealthCheckResponse response = readiness(migrated(), gone).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("SQLException", response.getData().orElseThrow().get("error"));
    }

    private DatabaseMigrations notMigratedYet() {
        DatabaseMigrations migrations = new DatabaseMigrations();
        migrations.dataSource = database;
        return migrations;
    }

    private DatabaseMigrations migrated() {
        DatabaseMigrations migrations = notMigratedYet();
        migrations.attempt(0);
        assertEquals(java.util.Optional.empty(), migrations.pending());
        return migrations;
    }

    private static MigrationPendingFilter filter(DatabaseMigrations migrations) {
        MigrationPendingFilter filter = new MigrationPendingFilter();
        filter.migrations = migrations;
        return filter;
    }

    private static DatabaseReadinessCheck readiness(DatabaseMigrations migrations, DataSource dataSource) {
        DatabaseReadinessCheck check = new DatabaseReadinessCheck();
        check.migrations = migrations;
        check.dataSource = dataSource;
        return check;
    }

}
