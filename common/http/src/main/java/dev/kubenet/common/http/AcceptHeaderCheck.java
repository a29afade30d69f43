package dev.kubenet.common.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * An Accept header with a q-value that is not a number ({@code text/html;q=abc}) is the client's mistake: 400.
 * RESTEasy only notices it while it chooses the resource method, and fails with an exception that no mapper can tell
 * from a bug, so without this check the answer was a 500. Looks at headers only, so it runs first of the
 * pre-matching filters (see package-info): a refused request costs no body read.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class AcceptHeaderCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> headers = request.getHeaders().getOrDefault(HttpHeaders.ACCEPT, List.of());
        if (!headers.stream().allMatch(AcceptHeaderCheck::numericQualityValues)) {
            request.abortWith(Problems.response(Response.Status.BAD_REQUEST,
                    "A q-value in the Accept header is not a number."));
        }
    }

    static boolean numericQualityValues(String header) {
        for (String element : header.split(",")) {
            String[] parameters = element.split(";");
            for (int i = 1; i < parameters.length; i++) {
                String[] parameter = parameters[i].split("=", 2);
                if (parameter[0].strip().equalsIgnoreCase("q")
                        && !isNumber(parameter.length > 1 ? parameter[1].strip() : "")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isNumber(String value) {
        try {
            Float.parseFloat(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
