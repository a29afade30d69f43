package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.abortedWith;
import static dev.kubenet.common.http.Requests.entityStreamSet;
import static dev.kubenet.common.http.Requests.notAborted;
import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit();

    {
        limit.maxBytes = 10;
    }

    @Test
    void aContentLengthOverTheLimitIsA413BeforeAnythingIsRead() {
        ContainerRequestContext request = Requests.withBody("application/json", body(11), 11);
        limit.filter(request);
        problem(abortedWith(request), 413, "The request body is larger than 10 bytes.");
        verify(request, never()).getEntityStream();
    }

    @Test
    void aChunkedBodyIsCountedAsItIsReadAndStopsPastTheLimit() {
        ContainerRequestContext request = Requests.withBody("application/json", body(11), -1);
        limit.filter(request);
        notAborted(request);
        InputStream counted = entityStreamSet(request);
        WebApplicationException tooLarge = assertThrows(WebApplicationException.class, counted::readAllBytes);
        problem(tooLarge.getResponse(), 413, "The request body is larger than 10 bytes.");
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadWhole() throws IOException {
        ContainerRequestContext request = Requests.withBody("application/json", body(10), -1);
        limit.filter(request);
        InputStream counted = entityStreamSet(request);
        assertEquals('x', counted.read());
        assertEquals(9, counted.readAllBytes().length);
        assertEquals(-1, counted.read());
    }

    @Test
    void aRequestWithoutBodyIsLeftAlone() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        limit.filter(request);
        notAborted(request);
        verify(request, never()).setEntityStream(any());
    }

    private static InputStream body(int bytes) {
        return new ByteArrayInputStream("x".repeat(bytes).getBytes());
    }
}
