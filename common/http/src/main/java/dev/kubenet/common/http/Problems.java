package dev.kubenet.common.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.StatusType;
import java.util.List;

/** Builds problem+json responses; the only place that knows how one looks. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    public static Response response(StatusType status, String detail) {
        return response(status, detail, null);
    }

    public static Response response(StatusType status, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, errors);
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }

    /** 503: something this service needs is away for now; the client may try again after {@code retryAfterSeconds}. */
    public static Response unavailable(String detail, long retryAfterSeconds) {
        return retryAfter(Response.Status.SERVICE_UNAVAILABLE, detail, retryAfterSeconds);
    }

    /** 429: this client has tried too often; it may try again after {@code retryAfterSeconds}. */
    public static Response tooManyRequests(String detail, long retryAfterSeconds) {
        return retryAfter(Response.Status.TOO_MANY_REQUESTS, detail, retryAfterSeconds);
    }

    private static Response retryAfter(StatusType status, String detail, long retryAfterSeconds) {
        return Response.fromResponse(response(status, detail))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .build();
    }

    /**
     * An exception that JAX-RS turns into this problem as it is: a WebApplicationException whose response has an
     * entity is sent without consulting any ExceptionMapper.
     */
    public static WebApplicationException exception(StatusType status, String detail) {
        return exception(status, detail, null);
    }

    public static WebApplicationException exception(StatusType status, String detail, List<Problem.FieldError> errors) {
        return new WebApplicationException(detail, response(status, detail, errors));
    }
}
