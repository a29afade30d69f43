package dev.kubenet.common.http;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Liberty's JAX-RS wraps whatever goes wrong while it reads a request body in a ProcessingException: bad JSON, or the
 * 413 of {@link RequestBodyLimit}. Unwrap it to say what really happened; anything else is a bug.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(ProcessingExceptionMapper.class.getName());

    @Override
    public Response toResponse(ProcessingException exception) {
        return ReadFailures.toResponse(exception).orElseGet(() -> {
            LOG.log(Level.SEVERE, "Unexpected processing failure", exception);
            return Problems.response(Response.Status.INTERNAL_SERVER_ERROR, UnexpectedExceptionMapper.DETAIL);
        });
    }
}
