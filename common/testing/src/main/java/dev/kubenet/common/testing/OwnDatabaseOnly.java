package dev.kubenet.common.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * What a service's database role can do, tried with the very settings the service's server runs with: it owns its
 * own database, is no superuser, may create neither roles nor databases, and cannot even connect to another
 * service's database. So one compromised service cannot read or change another's data.
 */
public final class OwnDatabaseOnly {

    private OwnDatabaseOnly() {
    }

    /** @param otherDatabases the databases of the other services, on the same PostgreSQL */
    public static void check(String serverName, List<String> otherDatabases) throws SQLException {
        Properties settings = PostgreSql.settingsOf(serverName);
        String url = settings.getProperty("db.url");
        String user = settings.getProperty("db.user");
        String password = settings.getProperty("db.password");
        try (Connection own = DriverManager.getConnection(url, user, password);
             Statement statement = own.createStatement();
             ResultSet role = statement.executeQuery("SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, "
                     + "pg_get_userbyid(d.datdba) FROM pg_roles r, pg_database d "
                     + "WHERE r.rolname = current_user AND d.datname = current_database()")) {
            assertTrue(role.next());
            assertAll(
                    () -> assertEquals(false, role.getBoolean(1), user + " is a superuser"),
                    () -> assertEquals(false, role.getBoolean(2), user + " may create databases"),
                    () -> assertEquals(false, role.getBoolean(3), user + " may create roles"),
                    () -> assertEquals(user, role.getString(4), user + " does not own its database"));
        }
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        for (String other : otherDatabases) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(base + other, user, password).close(),
                    user + " connected to the database " + other);
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }
}
