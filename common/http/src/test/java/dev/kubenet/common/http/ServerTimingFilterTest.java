package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's own Server-Timing entry, then the calls it made; nothing at all with the switch off. */
class ServerTimingFilterTest {

    private static ServerTimingFilter filter(boolean enabled, ServerTiming calls) {
        return filter(enabled, calls, Optional.empty());
    }

    private static ServerTimingFilter filter(boolean enabled, ServerTiming calls, Optional<String> node) {
        NetworkDetails details = new NetworkDetails();
        details.enabled = enabled;
        details.serviceName = "tasks-service";
        details.podName = Optional.of("tasks-service-5f7c9-xk2p");
        details.hostName = Optional.empty();
        details.nodeName = node;
        details.findHost();
        ServerTimingFilter filter = new ServerTimingFilter();
        filter.details = details;
        filter.calls = calls;
        return filter;
    }

    /** A request whose properties are kept, as JAX-RS keeps them from the request filters to the response filters. */
    private static ContainerRequestContext request() {
        Map<String, Object> properties = new HashMap<>();
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        doAnswer(call -> properties.put(call.getArgument(0), call.getArgument(1)))
                .when(request).setProperty(anyString(), any());
        when(request.getProperty(anyString())).thenAnswer(call -> properties.get(call.<String>getArgument(0)));
        return request;
    }

    private static MultivaluedMap<String, Object> respond(ServerTimingFilter filter, ServerTiming calls,
                                                          boolean callAuthService) {
        ContainerRequestContext request = request();
        filter.filter(request);
        if (callAuthService) {
            calls.add("auth-service", System.nanoTime(), "call", "verify-token", "cache", "hit");
        }
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getHeaders()).thenReturn(headers);
        filter.filter(request, response);
        return headers;
    }

    @Test
    void theServiceNamesItselfAndItsHostThenTheCallsItMade() {
        ServerTiming calls = new ServerTiming();
        MultivaluedMap<String, Object> headers = respond(filter(true, calls), calls, true);
        List<Object> values = headers.get(ServerTimingFilter.HEADER);
        assertEquals(1, values.size(), headers.toString());
        String header = (String) values.get(0);
        assertTrue(header.matches("tasks-service;dur=\\d+\\.\\d;desc=\"host=tasks-service-5f7c9-xk2p\", "
                + "auth-service;dur=\\d+\\.\\d;desc=\"call=verify-token cache=hit\""), header);
    }

    @Test
    void onKubernetesTheServiceNamesTheNodeItsPodRunsOnToo() {
        ServerTiming calls = new ServerTiming();
        MultivaluedMap<String, Object> headers = respond(filter(true, calls, Optional.of("worker-2")), calls, false);
        String header = (String) headers.getFirst(ServerTimingFilter.HEADER);
        assertTrue(header.matches("tasks-service;dur=\\d+\\.\\d;desc=\"host=tasks-service-5f7c9-xk2p node=worker-2\""),
                header);
    }

    @Test
    void withTheSwitchOffNoHeaderIsSent() {
        ServerTiming calls = new ServerTiming();
        MultivaluedMap<String, Object> headers = respond(filter(false, calls), calls, false);
        assertEquals(Map.of(), headers);
    }
}
