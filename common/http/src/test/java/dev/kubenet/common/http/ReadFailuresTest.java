package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReadFailuresTest {

    @Test
    void aProblemRaisedInsideTheStreamWinsOverTheJsonErrorItCaused() {
        Response tooLarge = Problems.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too large");
        Throwable failure = new ProcessingException(new JsonbException("cannot read",
                new JsonException("stream failed", new WebApplicationException(tooLarge))));
        assertEquals(tooLarge, ReadFailures.toResponse(failure).orElseThrow());
    }

    @Test
    void aLoneSurrogateSaysSo() {
        Throwable failure = new ProcessingException(new JsonbException("wrapped", new StrictJsonStrings.NotUnicode()));
        problem(ReadFailures.toResponse(failure).orElseThrow(), 400, StrictJsonStrings.NotUnicode.DETAIL);
    }

    @Test
    void anyOtherJsonFailureIsInvalidJson() {
        problem(ReadFailures.toResponse(new JsonbException("bad")).orElseThrow(), 400, ReadFailures.INVALID_JSON);
        problem(ReadFailures.toResponse(new ProcessingException(new JsonException("bad"))).orElseThrow(), 400,
                ReadFailures.INVALID_JSON);
    }

    @Test
    void aWebApplicationExceptionWithoutBodyIsNoAnswer() {
        Throwable failure = new ProcessingException(new WebApplicationException(400));
        assertTrue(ReadFailures.toResponse(failure).isEmpty());
    }

    @Test
    void aFailureUnrelatedToReadingIsNoAnswer() {
        assertTrue(ReadFailures.toResponse(new ProcessingException(new IOException("disk"))).isEmpty());
        assertTrue(ReadFailures.toResponse(new IllegalStateException()).isEmpty());
    }
}
