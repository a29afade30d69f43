package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.abortedWith;
import static dev.kubenet.common.http.Requests.notAborted;
import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.junit.jupiter.api.Test;

class AcceptHeaderCheckTest {

    private final AcceptHeaderCheck check = new AcceptHeaderCheck();

    @Test
    void numericQualityValuesPass() {
        assertTrue(AcceptHeaderCheck.numericQualityValues("application/json"));
        assertTrue(AcceptHeaderCheck.numericQualityValues("application/json;q=0.9, */*;q=0.1"));
        assertTrue(AcceptHeaderCheck.numericQualityValues("text/html; Q = 1 ,application/json"));
        assertTrue(AcceptHeaderCheck.numericQualityValues("text/html;level=abc"));
    }

    @Test
    void aQualityValueThatIsNoNumberIsRefused() {
        assertFalse(AcceptHeaderCheck.numericQualityValues("text/html;q=abc"));
        assertFalse(AcceptHeaderCheck.numericQualityValues("application/json, text/html;q="));
        assertFalse(AcceptHeaderCheck.numericQualityValues("text/html;q"));
    }

    @Test
    void aBadQualityValueInAnyAcceptHeaderIsA400() {
        ContainerRequestContext request = Requests.withHeader("Accept", "application/json", "text/html;q=abc");
        check.filter(request);
        problem(abortedWith(request), 400, "A q-value in the Accept header is not a number.");
    }

    @Test
    void aRequestWithoutAcceptOrWithAGoodOnePasses() {
        ContainerRequestContext none = Requests.withHeader("Content-Type", "application/json");
        check.filter(none);
        notAborted(none);

        ContainerRequestContext good = Requests.withHeader("Accept", "application/json;q=0.5");
        check.filter(good);
        notAborted(good);
    }
}
