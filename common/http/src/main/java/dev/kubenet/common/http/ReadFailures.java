package dev.kubenet.common.http;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * What went wrong while a request body was read. JSON-B and Liberty's JAX-RS each wrap what they catch, so the
 * 413 that {@link RequestBodyLimit} raises from inside the stream can arrive several layers deep; it wins over the
 * JSON error it caused.
 */
final class ReadFailures {

    static final String INVALID_JSON = "The request body is not valid JSON of the expected shape.";

    private ReadFailures() {
    }

    static Optional<Response> toResponse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException wae && wae.getResponse().hasEntity()) {
                return Optional.of(wae.getResponse());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StrictJsonStrings.NotUnicode) {
                return Optional.of(Problems.response(Response.Status.BAD_REQUEST, StrictJsonStrings.NotUnicode.DETAIL));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return Optional.of(Problems.response(Response.Status.BAD_REQUEST, INVALID_JSON));
            }
        }
        return Optional.empty();
    }
}
