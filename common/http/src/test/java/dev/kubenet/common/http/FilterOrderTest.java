package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-matching request filters run in the order their {@code @Priority} gives, lowest first. */
class FilterOrderTest {

    @Test
    void theStartIsNotedForMetricsThenForServerTimingThenHeadersCheckedThenTheBodyLimitedThenTheBodyParsed() {
        List<Class<?>> order = List.of(RequestDurationMetric.class, ServerTimingFilter.class, AcceptHeaderCheck.class, RequestBodyLimit.class, WellFormedJsonBody.class);
        for (int i = 0; i < order.size(); i++) {
            assertTrue(order.get(i).isAnnotationPresent(PreMatching.class), order.get(i).getSimpleName());
            if (i > 0) {
                assertTrue(priority(order.get(i - 1)) < priority(order.get(i)),
                        order.get(i - 1).getSimpleName() + " before " + order.get(i).getSimpleName());
            }
        }
    }

    private static int priority(Class<?> filter) {
        Priority priority = filter.getAnnotation(Priority.class);
        assertTrue(priority != null, filter.getSimpleName() + " has no explicit @Priority");
        return priority.value();
    }
}
