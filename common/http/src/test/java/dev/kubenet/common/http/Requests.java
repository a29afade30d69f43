package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.mockito.ArgumentCaptor;

/** Request contexts for filter tests: JAX-RS's interface, stood in for by Mockito. */
final class Requests {

    private Requests() {
    }

    static ContainerRequestContext withHeader(String name, String... values) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        for (String value : values) {
            headers.add(name, value);
        }
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaders()).thenReturn(headers);
        return request;
    }

    static ContainerRequestContext withBody(String mediaType, String body) {
        return withBody(mediaType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), -1);
    }

    /** {@code length} -1: no Content-Length (a chunked body). */
    static ContainerRequestContext withBody(String mediaType, InputStream body, int length) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.hasEntity()).thenReturn(true);
        when(request.getMediaType()).thenReturn(mediaType == null ? null : MediaType.valueOf(mediaType));
        when(request.getEntityStream()).thenReturn(body);
        when(request.getLength()).thenReturn(length);
        return request;
    }

    /** The answer a filter aborted the request with. */
    static Response abortedWith(ContainerRequestContext request) {
        ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(response.capture());
        return response.getValue();
    }

    static void notAborted(ContainerRequestContext request) {
        verify(request, never()).abortWith(any());
    }

    /** The body the resource will read: the stream the filter left in place. */
    static InputStream entityStreamSet(ContainerRequestContext request) {
        ArgumentCaptor<InputStream> stream = ArgumentCaptor.forClass(InputStream.class);
        verify(request).setEntityStream(stream.capture());
        return stream.getValue();
    }

    /** Asserts the answer is a problem+json with this status and detail, and returns the problem. */
    static Problem problem(Response response, int status, String detail) {
        assertEquals(status, response.getStatus());
        assertEquals(Problems.PROBLEM_JSON, response.getMediaType());
        Problem problem = (Problem) response.getEntity();
        assertEquals(status, problem.status());
        assertEquals("about:blank", problem.type());
        assertEquals(detail, problem.detail());
        return problem;
    }
}
