package dev.kubenet.common.http;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads a JSON request body once through to its end before JSON-B binds it, and refuses with the usual 400 one that
 * is not a single well-formed JSON object (or {@code null}, which the resources answer with a 422). JSON-B alone
 * gets two cases wrong. It binds the first element of a top-level array as if it were the object, so
 * {@code [{"title":"x"}]} stored a task. And Parsson skips a property that the target type does not have with a loop
 * that never ends when the body stops inside its value, so the seven bytes {@code {"x":[} kept a server thread busy
 * forever (eclipse-ee4j/parsson#23). Runs after {@link RequestBodyLimit}: a body is at most that limit, so reading it
 * twice costs little.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER + 100)
public class WellFormedJsonBody implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity() || !isJson(request.getMediaType())) {
            return;
        }
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes();
        } catch (WebApplicationException tooLarge) {
            request.abortWith(tooLarge.getResponse());
            return;
        }
        if (body.length == 0) {
            // No body after all (a GET that names a JSON Content-Type): the resource decides whether it needs one.
            request.setEntityStream(new ByteArrayInputStream(body));
            return;
        }
        if (!wellFormed(body)) {
            request.abortWith(Problems.response(Response.Status.BAD_REQUEST, ReadFailures.INVALID_JSON));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    static boolean wellFormed(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.VALUE_NULL) {
                return false;
            }
            while (parser.hasNext()) {
                parser.next();
            }
            return true;
        } catch (RuntimeException e) {
            // JsonParsingException for bad syntax; Parsson's nesting limit (1000) throws a bare RuntimeException
            return false;
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().endsWith("+json"));
    }
}
