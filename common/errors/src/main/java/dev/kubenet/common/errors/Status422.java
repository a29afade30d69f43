package dev.kubenet.common.errors;

import jakarta.ws.rs.core.Response;

/** JAX-RS 3.1 has no constant for 422, which RFC 9110 now calls "Unprocessable Content". */
public enum Status422 implements Response.StatusType {
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
