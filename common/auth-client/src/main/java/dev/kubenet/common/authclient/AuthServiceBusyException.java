package dev.kubenet.common.authclient;

import dev.kubenet.common.http.Problems;
import jakarta.ws.rs.WebApplicationException;

/**
 * auth-service answered, but its queue for password work was full (its 429): the caller's signup or login fails with
 * a 503 that says to try again in a second. It is an answer, not a failure of auth-service, so the circuit breakers of
 * {@link AuthServiceCalls} do not count it: a flood of logins must not open them and turn everyone else away.
 */
public class AuthServiceBusyException extends WebApplicationException {

    static final String DETAIL = "Too many sign-ups and logins at once. Please try again in a moment.";

    public AuthServiceBusyException(Throwable cause) {
        super("auth-service's password work is full", cause, Problems.unavailable(DETAIL, 1));
    }
}
