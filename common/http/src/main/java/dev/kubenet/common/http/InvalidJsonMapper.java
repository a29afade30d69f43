package dev.kubenet.common.http;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that JSON-B cannot read as the expected object is the client's mistake: 400, not 500. */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return ReadFailures.toResponse(exception).orElseThrow();
    }
}
