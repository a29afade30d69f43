package dev.kubenet.common.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last resort: a bug is logged with its stack trace on the server, and the client gets no internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    static final String DETAIL = "Something went wrong on our side. Please try again later.";
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        LOG.log(Level.SEVERE, "Unexpected failure while handling a request", exception);
        return Problems.response(Response.Status.INTERNAL_SERVER_ERROR, DETAIL);
    }
}
