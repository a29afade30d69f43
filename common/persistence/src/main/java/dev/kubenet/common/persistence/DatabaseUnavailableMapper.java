package dev.kubenet.common.persistence;

import dev.kubenet.common.http.Problems;
import dev.kubenet.common.http.UnexpectedExceptionMapper;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
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
        if (!DatabaseFailures.isUnreachable(exception)) {
            return new UnexpectedExceptionMapper().toResponse(exception);
        }
        LOG.warning(() -> "Database unreachable: " + exception.getClass().getSimpleName());
        return unavailable();
    }

    /** The answer to any request that needs the database while the service cannot use it. */
    static Response unavailable() {
        return Problems.unavailable(DETAIL, 5);
    }
}
