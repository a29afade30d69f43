package dev.kubenet.common.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the service's schema up to date with the versioned scripts in {@code db/migration} before the application
 * takes its first request, the same way on the embedded database and on PostgreSQL. Nobody creates tables by hand.
 * <p>
 * Liberty's class loader cannot list a folder, so each service marks its {@code db/migration} folder with an empty
 * {@code flyway.location} file, through which Flyway finds the folder's scripts. Flyway also always looks for
 * {@code db/callback}; this jar marks that (empty) folder once for all services, so that no false error is logged.
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = ServiceDatabase.JNDI_NAME)
    DataSource dataSource;

    void migrateOnStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + (result.targetSchemaVersion != null
                ? result.targetSchemaVersion : result.initialSchemaVersion)
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
