package dev.kubenet.auth.caller;

import dev.kubenet.auth.token.SigningKey;
import dev.kubenet.common.authapi.CallerAssertion;
import dev.kubenet.common.http.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Refuses every request to auth-service that does not come from a service the route answers: {@code 401} when the
 * request proves no caller at all, {@code 403} when it proves one that the route does not answer, each with a log line
 * that names the route and the caller (never the assertion); the access log has the address it came from. While
 * auth-service lacks a key it must have ({@link TrustedCallers}, {@link SigningKey}), it answers everyone {@code 503}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerCheck implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(CallerCheck.class.getName());

    @Context
    ResourceInfo resource;

    private final Map<Method, List<String>> allowedByRoute = new ConcurrentHashMap<>();

    @Inject
    CallerAssertions assertions;

    @Inject
    TrustedCallers trusted;

    @Inject
    SigningKey signingKey;

    @Override
    public void filter(ContainerRequestContext request) {
        if (trusted.problem().isPresent() || signingKey.problem().isPresent()) {
            request.abortWith(Problems.unavailable("auth-service lacks a key it needs and answers no one; its log "
                    + "says which.", 30));
            return;
        }
        String path = request.getUriInfo().getPath();
        String route = request.getMethod() + " " + (path.startsWith("/") ? path : "/" + path);
        Optional<String> caller = assertions.callerOf(request.getHeaderString(CallerAssertion.HEADER));
        if (caller.isEmpty()) {
            refuse(request, route, "no valid caller assertion", Response.Status.UNAUTHORIZED,
                    "auth-service answers only the services that prove who they are, with a signed assertion in "
                            + "the " + CallerAssertion.HEADER + " header.");
            return;
        }
        List<String> allowed = allowedCallers();
        if (!allowed.contains(caller.get())) {
            refuse(request, route, caller.get() + " is not one of " + allowed, Response.Status.FORBIDDEN,
                    caller.get() + " may not call " + route + ".");
        }
    }

    private void refuse(ContainerRequestContext request, String route, String reason, Response.Status status,
                        String detail) {
        LOG.warning(() -> "Refused " + route + ": " + reason);
        request.abortWith(Problems.response(status, detail));
    }

    /**
     * The route's {@link AllowedCallers}, on the resource class's method (not the API interface's it implements),
     * looked up once per route: every call to auth-service passes here.
     */
    private List<String> allowedCallers() {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        return allowedByRoute.computeIfAbsent(method, any -> declaredCallers(resource.getResourceClass(), method));
    }

    private static List<String> declaredCallers(Class<?> resourceClass, Method method) {
        for (Class<?> type = resourceClass; type != null; type = type.getSuperclass()) {
            try {
                AllowedCallers allowed = type.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(AllowedCallers.class);
                if (allowed != null) {
                    return Arrays.asList(allowed.value());
                }
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return List.of();
    }
}
