package dev.kubenet.common.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the service's schema up to date with the versioned scripts in {@code db/migration} before the application
 * takes its first request, the same way on the embedded database and on PostgreSQL. Nobody creates tables by hand.
 * <p>
 * A database that is not there yet is the normal case on Kubernetes (pods start before PostgreSQL is ready) and after
 * a host restart under Compose, so the service starts all the same and migrates as soon as the database answers,
 * trying again with a growing wait, for as long as it takes; until then it is not ready and answers 503. Any other
 * failure (a broken script, a wrong password) is not retried: no wait mends it, and it is logged once with its cause.
 * <p>
 * Liberty's class loader cannot list a folder, so each service marks its {@code db/migration} folder with an empty
 * {@code flyway.location} file, through which Flyway finds the folder's scripts. Flyway also always looks for
 * {@code db/callback}; this jar marks that (empty) folder once for all services, so that no false error is logged.
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    /** A database back within a second costs a second; one away for long is asked every 15 s, cheaply. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

    @Resource(lookup = ServiceDatabase.JNDI_NAME)
    DataSource dataSource;

    /** Liberty's own, rather than a thread of ours: its tasks run with the application's class loader and JNDI. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;

    private volatile String pendingBecause = "migrating";
    private volatile Future<?> nextAttempt;

    /** The first attempt runs before the application takes requests: with its database there, it starts ready. */
    void migrateOnStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        attempt(0);
    }

    /** Why the schema is not up to date yet; empty once it is. */
    public Optional<String> pending() {
        return Optional.ofNullable(pendingBecause);
    }

    void attempt(int failuresSoFar) {
        try {
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            pendingBecause = null;
            LOG.info(() -> "Database schema at version " + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            String summary = DatabaseFailures.summary(e);
            if (!DatabaseFailures.isUnreachable(e)) {
                pendingBecause = "migration failed (" + summary + "), see the log";
                LOG.log(Level.SEVERE, "Database migration failed (" + summary + "); not trying again", e);
                return;
            }
            int failures = failuresSoFar + 1;
            Duration wait = BACKOFF.after(failures);
            pendingBecause = "database not reachable (" + summary + ")";
            LOG.warning(() -> "Database not reachable yet (" + summary + "); migrating again in "
                    + wait.toSeconds() + " s");
            nextAttempt = scheduler.schedule(() -> attempt(failures), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stopTrying() {
        Future<?> next = nextAttempt;
        if (next != null) {
            next.cancel(false);
        }
    }
}
