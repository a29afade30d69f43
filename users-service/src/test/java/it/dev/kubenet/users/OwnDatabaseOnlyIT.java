package it.dev.kubenet.users;

import dev.kubenet.common.testing.NotRunHere;
import dev.kubenet.common.testing.OwnDatabaseOnly;
import dev.kubenet.common.testing.PostgreSql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** users-service's role reaches its own database only. Only in {@code mvn verify -Ppostgresql}. */
class OwnDatabaseOnlyIT {

    @Test
    void usersServicesRoleOwnsItsDatabaseAndCannotOpenTheOthers(TestInfo test) throws SQLException {
        NotRunHere.unless(PostgreSql.isUsedBy("defaultServer") ? Optional.empty()
                : Optional.of("the embedded database has no roles: mvn verify -Ppostgresql runs this"), test);
        OwnDatabaseOnly.check("defaultServer", List.of("tasks", "auth"));
    }
}
