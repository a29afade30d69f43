package dev.kubenet.common.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@code http_server_request_duration_seconds} on {@code /metrics}: every request the service's API answers, by
 * route template, method and status, as a histogram (the buckets are in this module's
 * {@code microprofile-config.properties}). The names are the OpenTelemetry HTTP conventions', as Liberty's own HTTP
 * metric has them; that one is switched off ({@code <monitor filter>} in common/liberty/service.xml) because it looks
 * its timer up in the registry on every request, building, sorting and checking the tags each time (BENCHMARKS.md
 * measures both). Here each series' timer is looked up once and kept.
 * <p>
 * A request that matched no resource (a 404, a 405, one refused before routing) counts under the route {@code /*}, so
 * the number of series stays bounded whatever addresses and methods clients send.
 * <p>
 * The lowest priority of all: as a request filter it runs first, as a response filter last, so the time includes
 * every other filter ({@link ServerTimingFilter} runs just inside it).
 */
@Provider
@PreMatching
@Priority(0)
public class RequestDurationMetric implements ContainerRequestFilter, ContainerResponseFilter {

    static final String NAME = "http.server.request.duration";
    static final String UNMATCHED = "/*";
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final String START = RequestDurationMetric.class.getName() + ".start";
    private static final Metadata METADATA = Metadata.builder().withName(NAME).withUnit(MetricUnits.SECONDS)
            .withDescription("Duration of HTTP server requests, by route template, method and status").build();

    @Inject
    MetricRegistry registry;

    @Context
    ResourceInfo resource;

    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Method, String> routes = new ConcurrentHashMap<>();

    /** One time series: the values of its tags. */
    record Series(String route, String method, int status) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(START) instanceof Long start) {
            Series series = new Series(route(), method(request.getMethod()), response.getStatus());
            timers.computeIfAbsent(series, this::register).update(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private String route() {
        Method method = resource.getResourceMethod();
        return method == null ? UNMATCHED : routes.computeIfAbsent(method, m -> template(resource.getResourceClass(), m));
    }

    /**
     * The method, or {@code _OTHER} for one HTTP does not define (as the OpenTelemetry conventions say): a client
     * that sends made-up methods must not make a series, and the memory it holds, for each.
     */
    static String method(String method) {
        return KNOWN_METHODS.contains(method) ? method : "_OTHER";
    }

    private Timer register(Series series) {
        return registry.timer(METADATA, new Tag("http_route", series.route()),
                new Tag("http_request_method", series.method()),
                new Tag("http_response_status_code", String.valueOf(series.status())));
    }

    /**
     * The route as the annotations give it, parameters without their patterns: {@code @Path("tasks")} on the class and
     * {@code @Path("{id: [0-9]{1,18}}")} on the method make /tasks/{id}.
     */
    static String template(Class<?> resourceClass, Method method) {
        String joined = "/" + pathOf(resourceClass) + "/" + pathOf(method, resourceClass);
        StringBuilder route = new StringBuilder();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '{') { // {name} or {name: pattern}, whose pattern may hold braces of its own
                int depth = 1;
                int end = i + 1;
                while (end < joined.length() && depth > 0) {
                    depth += joined.charAt(end) == '{' ? 1 : joined.charAt(end) == '}' ? -1 : 0;
                    end++;
                }
                route.append('{').append(joined.substring(i + 1, end - 1).split(":")[0].strip()).append('}');
                i = end - 1;
            } else if (c != '/' || route.isEmpty() || route.charAt(route.length() - 1) != '/') {
                route.append(c);
            }
        }
        return route.length() > 1 && route.charAt(route.length() - 1) == '/'
                ? route.substring(0, route.length() - 1) : route.toString();
    }

    /** The class's {@code @Path}, or its interface's: auth-service's resources take theirs from common-auth-api. */
    private static String pathOf(Class<?> resourceClass) {
        return firstPath(resourceClass, type -> type.getAnnotation(Path.class));
    }

    /** The method's {@code @Path}, or that of the interface method it implements. */
    private static String pathOf(Method method, Class<?> resourceClass) {
        return firstPath(resourceClass, type -> {
            try {
                return type.getDeclaredMethod(method.getName(), method.getParameterTypes()).getAnnotation(Path.class);
            } catch (NoSuchMethodException e) {
                return null; // not declared here: look further up
            }
        });
    }

    /** The first {@code @Path} found on the class, then its interfaces, then its superclass and theirs; or none. */
    private static String firstPath(Class<?> resourceClass, Function<Class<?>, Path> pathOn) {
        for (Class<?> type = resourceClass; type != null; type = type.getSuperclass()) {
            List<Class<?>> candidates = new ArrayList<>(List.of(type));
            candidates.addAll(List.of(type.getInterfaces()));
            for (Class<?> candidate : candidates) {
                Path path = pathOn.apply(candidate);
                if (path != null) {
                    return path.value();
                }
            }
        }
        return "";
    }
}
