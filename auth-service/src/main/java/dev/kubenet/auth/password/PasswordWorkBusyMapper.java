package dev.kubenet.auth.password;

import dev.kubenet.common.errors.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/** Every slot and queue place for password work is taken: 503, try again in a moment (see {@link PasswordWork}). */
@Provider
public class PasswordWorkBusyMapper implements ExceptionMapper<BulkheadException> {

    private static final Logger LOG = Logger.getLogger(PasswordWorkBusyMapper.class.getName());

    @Override
    public Response toResponse(BulkheadException exception) {
        LOG.warning("Too many password checks at once: a request was turned away");
        return Problems.unavailable("Too many sign-ups and logins at once. Please try again in a moment.", 1);
    }
}
