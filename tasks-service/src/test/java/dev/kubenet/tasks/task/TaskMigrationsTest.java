package dev.kubenet.tasks.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migrations on H2, from a database that holds tasks of the first version: every task stays as it was, open, and
 * the columns hold the limits in code points, which H2 counts in UTF-16 units. TasksServiceIT stores the same texts
 * through the API on H2 and, with -Ppostgresql, on PostgreSQL.
 */
class TaskMigrationsTest {

    private static final String URL = "jdbc:h2:mem:task-migrations;DB_CLOSE_DELAY=-1";
    private static final String EMOJI = "\uD83D\uDE42";

    @Test
    void tasksStoredBeforeTheDoneColumnStayAndAreOpen() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("1").load().migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", "")) {
            insert(db, 1, "Stored in version 1", "with its text", null);
            assertThrows(SQLException.class, () -> insert(db, 2, EMOJI.repeat(200), "", null),
                    "version 1's varchar(200) held 200 UTF-16 units on H2, 100 emoji");

            Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

            try (ResultSet row = db.createStatement().executeQuery("SELECT title, text, done FROM tasks WHERE id = 1")) {
                assertTrue(row.next());
                assertEquals("Stored in version 1", row.getString("title"));
                assertEquals("with its text", row.getString("text"));
                assertFalse(row.getBoolean("done"));
            }
            insert(db, 2, EMOJI.repeat(Task.MAX_TITLE_LENGTH), EMOJI.repeat(Task.MAX_TEXT_LENGTH), true);
            try (ResultSet row = db.createStatement().executeQuery("SELECT title, text, done FROM tasks WHERE id = 2")) {
                assertTrue(row.next());
                assertEquals(EMOJI.repeat(Task.MAX_TITLE_LENGTH), row.getString("title"));
                assertEquals(EMOJI.repeat(Task.MAX_TEXT_LENGTH), row.getString("text"));
                assertTrue(row.getBoolean("done"));
            }
        }
    }

    private static void insert(Connection db, long id, String title, String text, Boolean done) throws SQLException {
        String columns = done == null ? "" : ", done";
        String values = done == null ? "" : ", ?";
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO tasks (id, owner_id, title, text, created_at"
                + columns + ") VALUES (?, 'owner', ?, ?, ?" + values + ")")) {
            insert.setLong(1, id);
            insert.setString(2, title);
            insert.setString(3, text);
            insert.setObject(4, OffsetDateTime.now());
            if (done != null) {
                insert.setBoolean(5, done);
            }
            insert.executeUpdate();
        }
    }
}
