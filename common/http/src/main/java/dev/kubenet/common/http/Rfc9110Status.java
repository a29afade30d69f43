package dev.kubenet.common.http;

import jakarta.ws.rs.core.Response;

/**
 * The HTTP statuses of RFC 9110 that JAX-RS 3.1's {@code Response.Status} lacks, named as RFC 9110 names them: 422
 * "Unprocessable Content" (WebDAV's "Unprocessable Entity" before).
 */
public enum Rfc9110Status implements Response.StatusType {
    UNPROCESSABLE_CONTENT;

    @Override
    public int getStatusCode() {
        return 422;
    }

    @Override
    public Response.Status.Family getFamily() {
        return Response.Status.Family.CLIENT_ERROR;
    }

    @Override
    public String getReasonPhrase() {
        return "Unprocessable Content";
    }
}
