package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.net.UnknownHostException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aRefusedConnectionDeepInsideIsUnreachable() {
        Throwable failure = new RuntimeException("Unable to obtain connection from database",
                new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("refused")));
        assertTrue(DatabaseFailures.isUnreachable(failure));
        assertEquals("SQLState 08001", DatabaseFailures.summary(failure));
    }

    @Test
    void postgreSqlStartingUpOrShuttingDownIsUnreachable() {
        assertTrue(DatabaseFailures.isUnreachable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseFailures.isUnreachable(new SQLException("terminating connection", "57P01")));
    }

    @Test
    void aConnectionExceptionWithoutSqlStateIsUnreachableAndNamedByItsType() {
        Throwable failure = new PersistenceException(new SQLNonTransientConnectionException("Connection is broken"));
        assertTrue(DatabaseFailures.isUnreachable(failure));
        assertEquals("SQLNonTransientConnectionException", DatabaseFailures.summary(failure));
    }

    @Test
    void aSocketThatCouldNotBeOpenedIsUnreachableWhateverWrapsIt() {
        Throwable refused = new RuntimeException(new SQLNonTransientException("Connection is broken", "90067",
                new ConnectException("Connection refused")));
        assertTrue(DatabaseFailures.isUnreachable(refused));
        assertEquals("SQLState 90067", DatabaseFailures.summary(refused));
        assertTrue(DatabaseFailures.isUnreachable(new SQLException("The connection attempt failed", "08001",
                new UnknownHostException("postgres"))));
    }

    @Test
    void aMissingTableOrAWrongPasswordIsNotSomethingTimeMends() {
        assertFalse(DatabaseFailures.isUnreachable(new PersistenceException(
                new SQLException("relation \"users\" does not exist", "42P01"))));
        assertFalse(DatabaseFailures.isUnreachable(new SQLException("password authentication failed", "28P01")));
        assertFalse(DatabaseFailures.isUnreachable(new IllegalStateException("no database at all")));
    }

    @Test
    void theSummaryNeverCarriesTheMessage() {
        Throwable failure = new IllegalStateException("jdbc:postgresql://db/users?password=secret",
                new IllegalArgumentException("user=kubenet password=secret"));
        assertEquals("IllegalArgumentException", DatabaseFailures.summary(failure));
    }
}
