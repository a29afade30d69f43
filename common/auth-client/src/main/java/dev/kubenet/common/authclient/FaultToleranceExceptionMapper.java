package dev.kubenet.common.authclient;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * A call to auth-service that timed out, or that the open circuit breaker refused, is the same to a user as
 * auth-service being down: 503.
 */
@Provider
public class FaultToleranceExceptionMapper implements ExceptionMapper<FaultToleranceException> {

    private static final Logger LOG = Logger.getLogger(FaultToleranceExceptionMapper.class.getName());

    @Override
    public Response toResponse(FaultToleranceException exception) {
        LOG.warning(() -> "Call to auth-service not completed: " + exception.getClass().getSimpleName());
        return AuthServiceUnavailableException.response();
    }
}
