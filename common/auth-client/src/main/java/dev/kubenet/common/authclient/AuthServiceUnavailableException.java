package dev.kubenet.common.authclient;

import dev.kubenet.common.http.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** auth-service could not be reached or did not answer well: the caller's request fails with a 503. */
public class AuthServiceUnavailableException extends WebApplicationException {

    static final String DETAIL = "The authentication service is unavailable right now. Please try again in a moment.";

    public AuthServiceUnavailableException(String reason, Throwable cause) {
        super(reason, cause, response());
    }

    static Response response() {
        return Problems.unavailable(DETAIL, 5);
    }
}
