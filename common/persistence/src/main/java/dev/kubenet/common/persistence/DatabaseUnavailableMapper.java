package dev.kubenet.common.persistence;

import dev.kubenet.common.errors.Problems;
import dev.kubenet.common.errors.UnexpectedExceptionMapper;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;

/**
 * A database that cannot be reached is an outage, as auth-service down is: 503 with Retry-After, and the service
 * recovers by itself once it is back (its readiness check says the same meanwhile). Any other persistence failure is
 * a bug, answered as one.
 */
@Provider
public class DatabaseUnavailableMapper implements ExceptionMapper<PersistenceException> {

    static final String DETAIL = "The service's database is unavailable right now. Please try again in a moment.";
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class.getName());

    @Override
    public Response toResponse(PersistenceException exception) {
        if (!isUnreachableDatabase(exception)) {
            return new UnexpectedExceptionMapper().toResponse(exception);
        }
        LOG.warning(() -> "Database unreachable: " + exception.getClass().getSimpleName());
        return Problems.unavailable(DETAIL, 5);
    }

    /** SQLSTATE class 08 is "connection exception"; 57P0x is PostgreSQL shutting down or starting up. */
    static boolean isUnreachableDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
