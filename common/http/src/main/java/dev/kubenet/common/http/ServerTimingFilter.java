package dev.kubenet.common.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * With {@link NetworkDetails} on, every answer carries a {@code Server-Timing} header: first this service's own
 * entry ({@code tasks-service;dur=12.3;desc="host=tasks-service-5f7c9-xk2p"}), the time from the moment JAX-RS had
 * the request until the answer's headers, then one entry per call it made meanwhile ({@link ServerTiming}). nginx
 * adds its own entry behind them. With the switch off, nothing is measured and no header is sent.
 * <p>
 * The lowest priority but one (see package-info): as a request filter it runs first after {@link RequestDurationMetric},
 * so its time includes every other filter; as a response filter it runs last but that one, after every other filter
 * has added its work.
 */
@Provider
@PreMatching
@Priority(1)
public class ServerTimingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Server-Timing";
    private static final String START = ServerTimingFilter.class.getName() + ".start";
    private static final String CALLS = ServerTimingFilter.class.getName() + ".calls";

    @Inject
    NetworkDetails details;

    @Inject
    ServerTiming calls;

    @Override
    public void filter(ContainerRequestContext request) {
        if (details.enabled()) {
            request.setProperty(START, System.nanoTime());
            request.setProperty(CALLS, calls.entries());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start && request.getProperty(CALLS) instanceof List<?> made)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        entries.add(ServerTiming.entry(details.serviceName(), (System.nanoTime() - start) / 1e6,
                details.whereItRuns()));
        made.forEach(call -> entries.add(call.toString()));
        response.getHeaders().add(HEADER, String.join(", ", entries));
    }
}
