package it.dev.kubenet.tasks;

import dev.kubenet.common.testing.NotRunHere;
import dev.kubenet.common.testing.OwnDatabaseOnly;
import dev.kubenet.common.testing.PostgreSql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** tasks-service's role reaches its own database only. Only in {@code mvn verify -Ppostgresql}. */
class OwnDatabaseOnlyIT {

    @Test
    void tasksServicesRoleOwnsItsDatabaseAndCannotOpenTheOthers(TestInfo test) throws SQLException {
        NotRunHere.unless(PostgreSql.isUsedBy("defaultServer") ? Optional.empty()
                : Optional.of("the embedded database has no roles: mvn verify -Ppostgresql runs this"), test);
        OwnDatabaseOnly.check("defaultServer", List.of("users", "auth"));
    }
}
