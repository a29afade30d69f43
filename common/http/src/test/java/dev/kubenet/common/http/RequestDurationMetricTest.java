package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The route a request's series is counted under: the template its resource's annotations give. */
class RequestDurationMetricTest {

    @Path("tasks")
    static class Tasks {
        @GET
        public void list() {
        }

        @GET
        @Path("{id: [0-9]{1,18}}")
        public void one() {
        }

        @POST
        @Path("/{id}/done/")
        public void done() {
        }
    }

    @Path("/")
    interface Api {
        @POST
        @Path("token")
        void issue();
    }

    static class ApiResource implements Api {
        @Override
        public void issue() {
        }
    }

    /** What CDI makes of a bean: a subclass, whose methods carry no annotations. */
    static class ApiResourceProxy extends ApiResource {
        @Override
        public void issue() {
        }
    }

    @Path("/")
    static class Root {
        @GET
        public void root() {
        }
    }

    private static String route(Class<?> type, String method) throws NoSuchMethodException {
        return RequestDurationMetric.template(type, type.getMethod(method));
    }

    @Test
    void theClassAndMethodPathsJoinedWithOneSlashEach() throws Exception {
        assertEquals("/tasks", route(Tasks.class, "list"));
        assertEquals("/tasks/{id}/done", route(Tasks.class, "done"));
        assertEquals("/", route(Root.class, "root"));
    }

    @Test
    void aParameterWithoutItsPatternEvenOneWithBraces() throws Exception {
        assertEquals("/tasks/{id}", route(Tasks.class, "one"));
    }

    @Test
    void thePathsOfTheInterfaceAResourceImplementsAlsoThroughASubclass() throws Exception {
        assertEquals("/token", route(ApiResource.class, "issue"));
        assertEquals("/token", route(ApiResourceProxy.class, "issue"));
    }

    @Test
    void aMethodHttpDoesNotDefineCountsAsOther() {
        assertEquals("PATCH", RequestDurationMetric.method("PATCH"));
        assertEquals("_OTHER", RequestDurationMetric.method("BREW"));
        assertEquals("_OTHER", RequestDurationMetric.method("get"), "methods are case-sensitive");
    }
}
