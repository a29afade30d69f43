package dev.kubenet.common.persistence;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** What a failure that came from the database says about it, whichever layer (JPA, Flyway, Liberty) wrapped it. */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * A database that cannot be reached, which time may mend. SQLSTATE class 08 is "connection exception"; 57P0x is
     * PostgreSQL shutting down or starting up. A socket that could not be opened counts whatever the SQLSTATE around
     * it: Liberty turns H2's refused connection into a plain SQLNonTransientException (state 90067).
     */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure in a few words fit for a log line or a health check: its SQLSTATE, else the type of its deepest
     * cause. Never the message, which may name the host, the database or the user.
     */
    static String summary(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQLState " + sql.getSQLState();
            }
            deepest = cause;
        }
        return deepest.getClass().getSimpleName();
    }
}
