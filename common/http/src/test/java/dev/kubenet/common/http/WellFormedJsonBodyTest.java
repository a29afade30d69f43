package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.abortedWith;
import static dev.kubenet.common.http.Requests.entityStreamSet;
import static dev.kubenet.common.http.Requests.notAborted;
import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WellFormedJsonBodyTest {

    private final WellFormedJsonBody filter = new WellFormedJsonBody();

    @Test
    void anObjectOrNullIsWellFormed() {
        assertTrue(wellFormed("{\"title\":\"x\",\"tags\":[1,{\"a\":null}]}"));
        assertTrue(wellFormed("  {}  "));
        assertTrue(wellFormed("null"));
    }

    @Test
    void aTopLevelArrayOrScalarIsNot() {
        assertFalse(wellFormed("[{\"title\":\"x\"}]"));
        assertFalse(wellFormed("\"x\""));
        assertFalse(wellFormed("42"));
    }

    @Test
    void aBodyThatStopsInsideAValueIsNot() {
        assertFalse(wellFormed("{\"x\":["));
        assertFalse(wellFormed("{\"title\":\"x\""));
        assertFalse(wellFormed("{\"title\" \"x\"}"));
    }

    @Test
    void nestingBeyondTheParsersLimitIsNot() {
        assertFalse(wellFormed("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
    }

    @Test
    void aMalformedJsonBodyIsA400AndNeverReachesJsonB() throws IOException {
        ContainerRequestContext request = Requests.withBody("application/json", "[{\"title\":\"x\"}]");
        filter.filter(request);
        problem(abortedWith(request), 400, ReadFailures.INVALID_JSON);
        verify(request, never()).setEntityStream(any());
    }

    @Test
    void aWellFormedBodyIsPassedOnByteForByte() throws IOException {
        String body = "{\"title\":\"Grüße\"}";
        ContainerRequestContext request = Requests.withBody("application/json; charset=UTF-8", body);
        filter.filter(request);
        notAborted(request);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), entityStreamSet(request).readAllBytes());
    }

    @Test
    void aProblemJsonBodyIsCheckedToo() throws IOException {
        ContainerRequestContext request = Requests.withBody("application/problem+json", "{");
        filter.filter(request);
        problem(abortedWith(request), 400, ReadFailures.INVALID_JSON);
    }

    @Test
    void anEmptyBodyIsLeftToTheResource() throws IOException {
        ContainerRequestContext request = Requests.withBody("application/json", "");
        filter.filter(request);
        notAborted(request);
        assertArrayEquals(new byte[0], entityStreamSet(request).readAllBytes());
    }

    @Test
    void aBodyThatIsNotJsonIsNotRead() throws IOException {
        ContainerRequestContext text = Requests.withBody("text/plain", "[not json");
        filter.filter(text);
        notAborted(text);
        verify(text, never()).getEntityStream();

        ContainerRequestContext untyped = Requests.withBody(null, "[not json");
        filter.filter(untyped);
        notAborted(untyped);
    }

    @Test
    void aBodyOverTheLimitWhileReadingAbortsWithTheLimitsAnswer() throws IOException {
        Response tooLarge = Problems.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too large");
        InputStream overLimit = new InputStream() {
            @Override
            public int read() {
                throw new WebApplicationException(tooLarge);
            }
        };
        ContainerRequestContext request = Requests.withBody("application/json", overLimit, -1);
        filter.filter(request);
        problem(abortedWith(request), 413, "too large");
    }

    private static boolean wellFormed(String body) {
        return WellFormedJsonBody.wellFormed(body.getBytes(StandardCharsets.UTF_8));
    }
}
