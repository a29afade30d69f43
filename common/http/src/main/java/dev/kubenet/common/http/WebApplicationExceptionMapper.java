package dev.kubenet.common.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the errors that JAX-RS raises by itself (unknown route, wrong method, wrong content type, ...) the common
 * format. Their own messages name framework internals, so a person gets a plain sentence instead. Headers such as
 * {@code Allow} on a 405 are kept. A problem the code made itself passes unchanged.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.getEntity() instanceof Problem) {
            // Already a problem (Problems.exception), reaching a mapper because it was thrown asynchronously.
            return original;
        }
        Response problem = Problems.response(original.getStatusInfo(), detailFor(original.getStatus()));
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "Authentication is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not support that HTTP method.";
            case 406 -> "This service only answers with JSON.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the request body as application/json.";
            default -> status >= 500 ? "The service could not handle the request." : "The request was not accepted.";
        };
    }
}
